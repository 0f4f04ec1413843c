/**
 * Copies a chat server's SQLite database into an empty PostgreSQL database (`hybrid-chat db copy`):
 * every table of the storage, parents before children, then the row counts of both sides compared.
 * The SQLite file must be at the newest schema (start this server on it once to migrate it), and the
 * PostgreSQL database must hold no rows yet.
 */
import { openPostgresTarget } from './postgres/postgresTarget.ts';
import { openSqliteSource } from './sqlite/sqliteSource.ts';

/** Every table of the storage, each after those it refers to. */
export const COPIED_TABLES = [
  'customers',
  'agents',
  'chats',
  'participants',
  'messages',
  'offline_messages',
  'chat_ratings',
  'receipts',
  'files',
  'whispers',
  'wrap_ups',
  'queued_transfers',
  'revoked_tokens',
] as const;

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export class CopyError extends Error {
  override name = 'CopyError';
}

const BATCH = 2000;

export async function copyDatabase(
  from: string,
  to: string,
  progress: (table: string, rows: number) => void = () => undefined,
): Promise<TableCount[]> {
  const source = openSqliteSource(from);
  try {
    if (source.version !== source.latest) {
      throw new CopyError(
        `${from} is at schema version ${source.version}, this server's is ${source.latest}: ` +
          (source.version < source.latest
            ? 'start this server on it once to migrate it, then copy'
            : 'it is newer than this server'),
      );
    }
    const target = await openPostgresTarget(to);
    try {
      for (const table of COPIED_TABLES) {
        if ((await target.count(table)) > 0) {
          throw new CopyError(`the PostgreSQL database is not empty (table ${table} has rows)`);
        }
      }
      await target.copy(async (insert) => {
        for (const table of COPIED_TABLES) {
          let rows = 0;
          for (const batch of source.batches(table, BATCH)) {
            await insert(table, batch);
            rows += batch.length;
          }
          progress(table, rows);
        }
      });
      const counts: TableCount[] = [];
      for (const table of COPIED_TABLES) {
        counts.push({ table, source: source.count(table), target: await target.count(table) });
      }
      const wrong = counts.filter((count) => count.source !== count.target);
      if (wrong.length > 0) {
        throw new CopyError(
          `row counts differ after the copy: ${wrong.map((c) => `${c.table} ${c.source} → ${c.target}`).join(', ')}`,
        );
      }
      return counts;
    } finally {
      await target.close();
    }
  } finally {
    source.close();
  }
}
