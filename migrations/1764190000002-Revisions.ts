import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/** The change log: one row per create, update, delete or restore, kept for ever. */
export class Revisions1764190000002 implements MigrationInterface {
  name = 'Revisions1764190000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { createDate } = queryRunner.connection.driver.mappedDataTypes;
    await queryRunner.createTable(
      new Table({
        name: 'revisions',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'entityType', type: 'varchar' },
          { name: 'entityId', type: 'integer' },
          { name: 'action', type: 'varchar' },
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
          { name: 'actor', type: 'varchar', isNullable: true },
          { name: 'createdAt', type: createDate as string },
        ],
        indices: [{ columnNames: ['entityType', 'entityId', 'id'] }, { columnNames: ['createdAt', 'id'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('revisions');
  }
}
