/**
 * Reads a SQLite database table by table, read-only, for a copy into another engine
 * (../copyDatabase.ts). Rows come in their stored order (rowid), in batches, so a large table is
 * never held whole in memory.
 */
import { DatabaseSync } from 'node:sqlite';
import { MIGRATIONS } from './migrations.ts';

export type SourceRow = Record<string, string | number | bigint | null | Uint8Array>;

export interface SqliteSource {
  /** The file's schema version (PRAGMA user_version) and the newest this server knows. */
  version: number;
  latest: number;
  count(table: string): number;
  batches(table: string, size: number): Iterable<SourceRow[]>;
  close(): void;
}

/** Table names come from the copier's own fixed list, never from input; quoted all the same. */
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function openSqliteSource(path: string): SqliteSource {
  const db = new DatabaseSync(path, { readOnly: true });
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  return {
    version: row?.user_version ?? 0,
    latest: MIGRATIONS.length,
    count: (table) =>
      Number((db.prepare(`SELECT COUNT(*) AS n FROM ${quote(table)}`).get() as { n: number | bigint }).n),
    *batches(table, size) {
      let batch: SourceRow[] = [];
      for (const item of db.prepare(`SELECT * FROM ${quote(table)} ORDER BY rowid`).iterate()) {
        batch.push(item as SourceRow);
        if (batch.length >= size) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
    close: () => db.close(),
  };
}
