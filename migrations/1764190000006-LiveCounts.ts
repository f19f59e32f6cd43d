import { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables whose live rows are counted, as they were when this migration was written. */
const COUNTED = ['sources', 'countries', 'organizations', 'officials', 'events', 'statements', 'casualty_reports'];

/**
 * How many live (not deleted) rows each fact table holds, kept by triggers in the transaction of every write, so
 * that a list's totalCount without a filter is one read instead of a COUNT(*) over the table.
 */
export class LiveCounts1764190000006 implements MigrationInterface {
  name = 'LiveCounts1764190000006';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "live_counts" ("table" varchar PRIMARY KEY, "count" integer NOT NULL)`);
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    if (postgres) {
      await queryRunner.query(`
        CREATE FUNCTION "live_count"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' AND NEW."deletedAt" IS NULL THEN
            UPDATE "live_counts" SET "count" = "count" + 1 WHERE "table" = TG_TABLE_NAME;
          ELSIF TG_OP = 'DELETE' AND OLD."deletedAt" IS NULL THEN
            UPDATE "live_counts" SET "count" = "count" - 1 WHERE "table" = TG_TABLE_NAME;
          ELSIF TG_OP = 'UPDATE' AND (OLD."deletedAt" IS NULL) <> (NEW."deletedAt" IS NULL) THEN
            UPDATE "live_counts" SET "count" = "count" + CASE WHEN NEW."deletedAt" IS NULL THEN 1 ELSE -1 END WHERE "table" = TG_TABLE_NAME;
          END IF;
          RETURN NULL;
        END $$`);
    }
    for (const table of COUNTED) {
      await queryRunner.query(`INSERT INTO "live_counts" ("table", "count") SELECT '${table}', COUNT(*) FROM "${table}" WHERE "deletedAt" IS NULL`);
      if (postgres) {
        await queryRunner.query(`CREATE TRIGGER "${table}_live_count" AFTER INSERT OR UPDATE OF "deletedAt" OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "live_count"()`);
        continue;
      }
      const change = (delta: string) => `UPDATE "live_counts" SET "count" = "count" + ${delta} WHERE "table" = '${table}';`;
      await queryRunner.query(`CREATE TRIGGER "${table}_live_count_insert" AFTER INSERT ON "${table}" WHEN new."deletedAt" IS NULL BEGIN ${change('1')} END`);
      await queryRunner.query(`CREATE TRIGGER "${table}_live_count_delete" AFTER DELETE ON "${table}" WHEN old."deletedAt" IS NULL BEGIN ${change('-1')} END`);
      await queryRunner.query(
        `CREATE TRIGGER "${table}_live_count_update" AFTER UPDATE OF "deletedAt" ON "${table}" WHEN (old."deletedAt" IS NULL) <> (new."deletedAt" IS NULL) BEGIN ${change('CASE WHEN new."deletedAt" IS NULL THEN 1 ELSE -1 END')} END`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    for (const table of COUNTED) {
      if (postgres) await queryRunner.query(`DROP TRIGGER "${table}_live_count" ON "${table}"`);
      else for (const operation of ['insert', 'delete', 'update']) await queryRunner.query(`DROP TRIGGER "${table}_live_count_${operation}"`);
    }
    if (postgres) await queryRunner.query(`DROP FUNCTION "live_count"()`);
    await queryRunner.query(`DROP TABLE "live_counts"`);
  }
}
