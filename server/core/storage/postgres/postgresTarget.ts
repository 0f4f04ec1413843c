/**
 * Writes rows copied from another engine into a PostgreSQL database (../copyDatabase.ts): the
 * schema is brought to the newest step first (migrations.ts, under its advisory lock), then every
 * row goes in within one transaction, so a failed copy leaves the database as empty as it found it.
 */
import { escapeIdentifier } from 'pg';
import { openDb, type Queryable } from './db.ts';
import { migrate } from './migrations.ts';

export interface PostgresTarget {
  /** Rows in the table now. */
  count(table: string): Promise<number>;
  /** Runs `work` in one transaction; `insert` adds rows (their keys are the column names). */
  copy(
    work: (insert: (table: string, rows: Array<Record<string, unknown>>) => Promise<void>) => Promise<void>,
  ): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL takes at most 65,535 parameters per statement; rows are sent in chunks well below. */
const MAX_PARAMETERS = 30_000;

async function insertRows(q: Queryable, table: string, rows: Array<Record<string, unknown>>): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  const perStatement = Math.max(1, Math.floor(MAX_PARAMETERS / columns.length));
  for (let start = 0; start < rows.length; start += perStatement) {
    const chunk = rows.slice(start, start + perStatement);
    const values = chunk.map(
      (_, index) => `(${columns.map((__, column) => `$${index * columns.length + column + 1}`).join(', ')})`,
    );
    const params = chunk.flatMap((row) => columns.map((column) => normalize(row[column])));
    await q.run(
      `INSERT INTO ${escapeIdentifier(table)} (${columns.map(escapeIdentifier).join(', ')}) VALUES ${values.join(', ')}`,
      params,
    );
  }
}

/** SQLite may hand out bigints (INTEGER beyond 2^53); PostgreSQL's BIGINT takes them as text. */
const normalize = (value: unknown) => (typeof value === 'bigint' ? value.toString() : value);

export async function openPostgresTarget(url: string): Promise<PostgresTarget> {
  const db = openDb({ connectionString: url, max: 2 });
  try {
    await db.session((client) => migrate(client));
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return {
    count: async (table) =>
      (await db.row<{ n: number }>(`SELECT COUNT(*) AS n FROM ${escapeIdentifier(table)}`))?.n ?? 0,
    copy: (work) => db.tx((q) => work((table, rows) => insertRows(q, table, rows))),
    close: () => db.close(),
  };
}
