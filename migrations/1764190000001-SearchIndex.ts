import { MigrationInterface, QueryRunner } from 'typeorm';

/** The table the search reads; its name is part of this migration, as it was when the migration was first run. */
const SEARCH_TABLE = 'search_index';

/**
 * What each searchable table contributes: a title (weighted more) and a body (ROW stands for the row), and the code
 * of its rows: a row's rowid is `id * 8 + code`. The kinds' `searchCode`s are these codes; they never change.
 */
const INDEXED: { table: string; code: number; title: string; body: string }[] = [
  { table: 'countries', code: 1, title: 'name', body: `coalesce(ROW."isoCode", '')` },
  { table: 'organizations', code: 2, title: 'name', body: `coalesce(ROW."acronym", '')` },
  { table: 'officials', code: 3, title: 'name', body: `coalesce(ROW."role", '')` },
  { table: 'events', code: 4, title: 'title', body: `coalesce(ROW."summary", '') || ' ' || coalesce(ROW."locationName", '')` },
  { table: 'statements', code: 6, title: 'text', body: `''` },
  { table: 'sources', code: 7, title: 'title', body: `coalesce(ROW."publisher", '') || ' ' || coalesce(ROW."author", '')` },
];

/**
 * Full-text search: one index over every searchable kind, kept current by triggers, so that no
 * write path can forget it; a deleted (tombstoned) row leaves the index. With the search's queries
 * this is the project's only engine-specific SQL: SQLite FTS5, or PostgreSQL tsvector with unaccent.
 */
export class SearchIndex1764190000001 implements MigrationInterface {
  name = 'SearchIndex1764190000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type === 'postgres') await this.upPostgres(queryRunner);
    else await this.upSqlite(queryRunner);
  }

  private async upSqlite(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE VIRTUAL TABLE "${SEARCH_TABLE}" USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`);
    for (const { table, code, title, body } of INDEXED) {
      const values = (row: string) => `${row}."id" * 8 + ${code}, ${row}."${title}", ${body.replaceAll('ROW', row)}`;
      const remove = `DELETE FROM "${SEARCH_TABLE}" WHERE "rowid" = old."id" * 8 + ${code};`;
      const insert = `INSERT INTO "${SEARCH_TABLE}" ("rowid", "title", "body") SELECT ${values('new')} WHERE new."deletedAt" IS NULL;`;
      await queryRunner.query(`CREATE TRIGGER "${table}_search_insert" AFTER INSERT ON "${table}" BEGIN ${insert} END`);
      await queryRunner.query(`CREATE TRIGGER "${table}_search_update" AFTER UPDATE ON "${table}" BEGIN ${remove} ${insert} END`);
      await queryRunner.query(`CREATE TRIGGER "${table}_search_delete" AFTER DELETE ON "${table}" BEGIN ${remove} END`);
      await queryRunner.query(`INSERT INTO "${SEARCH_TABLE}" ("rowid", "title", "body") SELECT ${values(`"${table}"`)} FROM "${table}" WHERE "deletedAt" IS NULL`);
    }
  }

  private async upPostgres(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await queryRunner.query(`CREATE TABLE "${SEARCH_TABLE}" ("rowid" bigint PRIMARY KEY, "document" tsvector NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "${SEARCH_TABLE}_document" ON "${SEARCH_TABLE}" USING GIN ("document")`);
    for (const { table, code, title, body } of INDEXED) {
      // Words are runs of letters and digits, as in the queries: PostgreSQL's own parser would read "Il-76" as "il" and "-76".
      const words = (text: string) => `to_tsvector('simple', unaccent(regexp_replace(${text}, '[^[:alnum:]]+', ' ', 'g')))`;
      const document = (row: string) => `setweight(${words(`${row}."${title}"`)}, 'A') || setweight(${words(body.replaceAll('ROW', row))}, 'B')`;
      await queryRunner.query(`
        CREATE FUNCTION "${table}_search"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP <> 'INSERT' THEN DELETE FROM "${SEARCH_TABLE}" WHERE "rowid" = OLD."id" * 8 + ${code}; END IF;
          IF TG_OP <> 'DELETE' AND NEW."deletedAt" IS NULL THEN
            INSERT INTO "${SEARCH_TABLE}" ("rowid", "document") VALUES (NEW."id" * 8 + ${code}, ${document('NEW')});
          END IF;
          RETURN NULL;
        END $$`);
      await queryRunner.query(`CREATE TRIGGER "${table}_search" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION "${table}_search"()`);
      await queryRunner.query(`INSERT INTO "${SEARCH_TABLE}" ("rowid", "document") SELECT "${table}"."id" * 8 + ${code}, ${document(`"${table}"`)} FROM "${table}" WHERE "deletedAt" IS NULL`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const postgres = queryRunner.connection.driver.options.type === 'postgres';
    for (const { table } of INDEXED) {
      if (postgres) {
        await queryRunner.query(`DROP TRIGGER "${table}_search" ON "${table}"`);
        await queryRunner.query(`DROP FUNCTION "${table}_search"()`);
      } else {
        for (const operation of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER "${table}_search_${operation}"`);
      }
    }
    await queryRunner.query(`DROP TABLE "${SEARCH_TABLE}"`);
  }
}
