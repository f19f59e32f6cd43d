import { MigrationInterface, QueryRunner, Table } from 'typeorm';

/**
 * Writes that can be retried safely: the first answer to a mutation sent with an Idempotency-Key, per token name.
 * The row is made in the transaction of the first write, so that a committed write always has one; its answer is
 * added once sent.
 */
export class IdempotencyKeys1764190000005 implements MigrationInterface {
  name = 'IdempotencyKeys1764190000005';

  async up(queryRunner: QueryRunner): Promise<void> {
    const { createDate } = queryRunner.connection.driver.mappedDataTypes;
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { name: 'actor', type: 'varchar', isPrimary: true },
          { name: 'key', type: 'varchar', isPrimary: true },
          { name: 'requestHash', type: 'varchar' },
          { name: 'status', type: 'integer', isNullable: true },
          { name: 'response', type: 'text', isNullable: true },
          { name: 'createdAt', type: createDate as string },
        ],
        indices: [{ columnNames: ['createdAt'] }],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('idempotency_keys');
  }
}
