import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * What the public sees of who made a change: a display name chosen when a token is made (its role when none was
 * chosen), recorded with each revision beside the token's name, which only editors and admins see. Revisions made
 * before take the role of the token of that name, or "seed" for the seed's own.
 */
export class ActorDisplayNames1764190000004 implements MigrationInterface {
  name = 'ActorDisplayNames1764190000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn('api_tokens', new TableColumn({ name: 'displayName', type: 'varchar', isNullable: true }));
    await queryRunner.addColumn('revisions', new TableColumn({ name: 'actorDisplayName', type: 'varchar', isNullable: true }));
    await queryRunner.query(`UPDATE "revisions" SET "actorDisplayName" = 'seed' WHERE "actor" = 'seed'`);
    await queryRunner.query(
      `UPDATE "revisions" SET "actorDisplayName" = coalesce((SELECT "role" FROM "api_tokens" WHERE "api_tokens"."name" = "revisions"."actor" ORDER BY "id" DESC LIMIT 1), 'editor')
       WHERE "actor" IS NOT NULL AND "actorDisplayName" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('revisions', 'actorDisplayName');
    await queryRunner.dropColumn('api_tokens', 'displayName');
  }
}
