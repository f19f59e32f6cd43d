import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * The API tokens that writers authenticate with. A token's secret is never stored, only its
 * hash; revoked tokens stay, so that the list shows who could write when.
 */
export class ApiTokens1764190000003 implements MigrationInterface {
  name = 'ApiTokens1764190000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { createDate, createDateDefault } = queryRunner.connection.driver.mappedDataTypes;
    await queryRunner.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' },
          { name: 'name', type: 'varchar', isNullable: false },
          { name: 'role', type: 'varchar', isNullable: false },
          { name: 'secretHash', type: 'varchar', isNullable: false },
          { name: 'createdAt', type: createDate as string, default: createDateDefault },
          { name: 'revokedAt', type: createDate as string, isNullable: true },
          { name: 'lastUsedAt', type: createDate as string, isNullable: true },
        ],
        // Partial and unique: a name has at most one active token, even when two commands race.
        indices: [{ columnNames: ['name'], isUnique: true, where: '"revokedAt" IS NULL' }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('api_tokens');
  }
}
