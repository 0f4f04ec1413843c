/**
 * `hybrid-chat db copy --from <sqlite file> --to <postgres url>`: copies a chat server's SQLite
 * database into an empty PostgreSQL database, then compares every table's row count on both sides
 * (server/core/storage/copyDatabase.ts). Stop the chat server on the SQLite file first, so nothing
 * is written during the copy.
 */
import { existsSync } from 'node:fs';
import { copyDatabase, CopyError } from '../server/core/storage/copyDatabase.ts';
import { CliError } from './cliError.ts';
import type { CliIo } from './cliIo.ts';
import { DB_COPY_HELP } from './help.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';

export async function dbCopy(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, {
    help: { type: 'boolean', short: 'h' },
    from: { type: 'string' },
    to: { type: 'string' },
  });
  if (values['help']) {
    io.stdout(DB_COPY_HELP);
    return 0;
  }
  const from = values['from'];
  const to = values['to'];
  if (positionals.length > 0) throw new CliError('USAGE', `db copy: unexpected argument ${positionals[0]}`);
  if (typeof from !== 'string') throw new CliError('USAGE', 'db copy: missing --from <sqlite file>');
  if (typeof to !== 'string' || !/^postgres(ql)?:\/\//.test(to)) {
    throw new CliError('USAGE', 'db copy: --to needs a postgres:// URL');
  }
  if (!existsSync(from)) throw new CliError('IO', `db copy: ${from} does not exist`);
  try {
    const counts = await copyDatabase(from, to);
    const width = Math.max(...counts.map((count) => count.table.length));
    const total = counts.reduce((sum, count) => sum + count.target, 0);
    io.stdout(
      `${counts.map((count) => `  ${count.table.padEnd(width)}  ${count.target}`).join('\n')}\n` +
        `Copied ${total} rows from ${from}; every table's row count matches.\n`,
    );
    return 0;
  } catch (error) {
    const message =
      error instanceof CopyError ? error.message : `the copy failed: ${(error as Error).message}`;
    throw new CliError('IO', `db copy: ${message}`, { cause: error });
  }
}
