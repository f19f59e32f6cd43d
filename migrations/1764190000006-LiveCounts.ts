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
      // Counted and triggered under the write lock (the number of db/write-transaction.ts's WRITE_LOCK), so that no
      // instance still serving can commit a row between the count and the trigger, which would never be counted.
      await queryRunner.query(`SELECT pg_advisory_xact_lock(736210001)`);
      // Statement-level triggers over transition tables: a bulk insert adds its rows once, not one UPDATE per row on
      // the same counter row (which, in one transaction, grows slower with every row).
      // The counter row is written only when the count changes (an update of a title leaves it alone).
      const counting = (name: string, delta: string) => `
        CREATE FUNCTION "${name}"() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE delta bigint;
        BEGIN
          ${delta} INTO delta;
          IF delta <> 0 THEN UPDATE "live_counts" SET "count" = "count" + delta WHERE "table" = TG_TABLE_NAME; END IF;
          RETURN NULL;
        END $$`;
      await queryRunner.query(counting('live_count_inserted', `SELECT COUNT(*) FROM "inserted" WHERE "deletedAt" IS NULL`));
      await queryRunner.query(counting('live_count_deleted', `SELECT -COUNT(*) FROM "deleted" WHERE "deletedAt" IS NULL`));
      await queryRunner.query(
        counting('live_count_updated', `SELECT COUNT(*) FILTER (WHERE "after"."deletedAt" IS NULL) - COUNT(*) FILTER (WHERE "before"."deletedAt" IS NULL) FROM "before" JOIN "after" USING ("id")`),
      );
    }
    for (const table of COUNTED) {
      await queryRunner.query(`INSERT INTO "live_counts" ("table", "count") SELECT '${table}', COUNT(*) FROM "${table}" WHERE "deletedAt" IS NULL`);
      if (postgres) {
        await queryRunner.query(`CREATE TRIGGER "${table}_live_count_insert" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS "inserted" FOR EACH STATEMENT EXECUTE FUNCTION "live_count_inserted"()`);
        await queryRunner.query(`CREATE TRIGGER "${table}_live_count_delete" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS "deleted" FOR EACH STATEMENT EXECUTE FUNCTION "live_count_deleted"()`);
        await queryRunner.query(`CREATE TRIGGER "${table}_live_count_update" AFTER UPDATE ON "${table}" REFERENCING OLD TABLE AS "before" NEW TABLE AS "after" FOR EACH STATEMENT EXECUTE FUNCTION "live_count_updated"()`);
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
      for (const operation of ['insert', 'delete', 'update']) await queryRunner.query(postgres ? `DROP TRIGGER "${table}_live_count_${operation}" ON "${table}"` : `DROP TRIGGER "${table}_live_count_${operation}"`);
    }
    if (postgres) for (const change of ['inserted', 'deleted', 'updated']) await queryRunner.query(`DROP FUNCTION "live_count_${change}"()`);
    await queryRunner.query(`DROP TABLE "live_counts"`);
  }
}
