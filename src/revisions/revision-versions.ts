import type { DataSource } from 'typeorm';
import type { Versions } from '../response-cache/versions';

/**
 * A kind's version is its latest revision: every create, update, delete and restore records one in its transaction,
 * the seed included, and write transactions take the write lock, so the ids grow in commit order. Read in one
 * statement of index seeks (one per kind) whatever the number of revisions.
 */
export function revisionVersions(dataSource: DataSource): Versions {
  const postgres = dataSource.options.type === 'postgres';
  const statements = new Map<number, string>();
  const statementFor = (count: number) => {
    let sql = statements.get(count);
    if (!sql) {
      const latest = Array.from({ length: count }, (_, index) => `(SELECT MAX("id") FROM "revisions" WHERE "entityType" = ${postgres ? `$${index + 1}` : '?'}) AS "v${index}"`);
      sql = `SELECT ${latest.join(', ')}`;
      statements.set(count, sql);
    }
    return sql;
  };
  return {
    read: async (kinds) => {
      if (kinds.length === 0) return [];
      const [row]: Record<string, number | null>[] = await dataSource.query(statementFor(kinds.length), [...kinds]);
      return kinds.map((_, index) => (row[`v${index}`] === null ? null : Number(row[`v${index}`])));
    },
  };
}
