import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * The latest revision of each kind of fact in one index seek: the response cache's version of a kind, read on every
 * cached answer (MAX("id") of one "entityType" is read from the end of its range of this index).
 */
export class RevisionVersions1764190000007 implements MigrationInterface {
  name = 'RevisionVersions1764190000007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('revisions', new TableIndex({ name: 'IDX_revisions_entityType_id', columnNames: ['entityType', 'id'] }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('revisions', 'IDX_revisions_entityType_id');
  }
}
