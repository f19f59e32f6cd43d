import { MigrationInterface, QueryRunner } from 'typeorm';
import { KIND_CODES, SEARCH_TABLE } from '../src/search/full-text';

/** What each searchable table contributes: a title (weighted ten times) and a body. */
const INDEXED: { table: string; kind: keyof typeof KIND_CODES; title: string; body: string }[] = [
  { table: 'countries', kind: 'Country', title: 'name', body: `coalesce(ROW."isoCode", '')` },
  { table: 'organizations', kind: 'Organization', title: 'name', body: `coalesce(ROW."acronym", '')` },
  { table: 'officials', kind: 'Official', title: 'name', body: `coalesce(ROW."role", '')` },
  { table: 'events', kind: 'Event', title: 'title', body: `coalesce(ROW."summary", '') || ' ' || coalesce(ROW."locationName", '')` },
  { table: 'statements', kind: 'Statement', title: 'text', body: `''` },
  { table: 'sources', kind: 'Source', title: 'title', body: `coalesce(ROW."publisher", '') || ' ' || coalesce(ROW."author", '')` },
];

/**
 * Full-text search (SQLite FTS5): one index over every searchable kind, kept current by
 * triggers, so that no write path can forget it; a deleted (tombstoned) row leaves the index.
 * This is the project's only engine-specific SQL.
 */
export class SearchIndex1764190000001 implements MigrationInterface {
  name = 'SearchIndex1764190000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (queryRunner.connection.driver.options.type !== 'better-sqlite3') {
      throw new Error('The full-text search index is implemented for SQLite (FTS5) only');
    }
    await queryRunner.query(`CREATE VIRTUAL TABLE "${SEARCH_TABLE}" USING fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`);
    for (const { table, kind, title, body } of INDEXED) {
      const code = KIND_CODES[kind];
      const values = (row: string) => `${row}."id" * 8 + ${code}, ${row}."${title}", ${body.replaceAll('ROW', row)}`;
      const remove = `DELETE FROM "${SEARCH_TABLE}" WHERE "rowid" = old."id" * 8 + ${code};`;
      const insert = `INSERT INTO "${SEARCH_TABLE}" ("rowid", "title", "body") SELECT ${values('new')} WHERE new."deletedAt" IS NULL;`;
      await queryRunner.query(`CREATE TRIGGER "${table}_search_insert" AFTER INSERT ON "${table}" BEGIN ${insert} END`);
      await queryRunner.query(`CREATE TRIGGER "${table}_search_update" AFTER UPDATE ON "${table}" BEGIN ${remove} ${insert} END`);
      await queryRunner.query(`CREATE TRIGGER "${table}_search_delete" AFTER DELETE ON "${table}" BEGIN ${remove} END`);
      await queryRunner.query(`INSERT INTO "${SEARCH_TABLE}" ("rowid", "title", "body") SELECT ${values(`"${table}"`)} FROM "${table}" WHERE "deletedAt" IS NULL`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table } of INDEXED) {
      for (const operation of ['insert', 'update', 'delete']) await queryRunner.query(`DROP TRIGGER "${table}_search_${operation}"`);
    }
    await queryRunner.query(`DROP TABLE "${SEARCH_TABLE}"`);
  }
}
