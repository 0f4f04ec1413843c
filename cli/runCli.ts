/**
 * The command dispatcher of `hybrid-chat`: picks the command, prints help, and turns errors into
 * messages and exit statuses. Returns the exit status instead of exiting, so tests call it directly.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CliError, usageError } from './cliError.ts';
import type { CliIo } from './cliIo.ts';
import { dbCopy } from './dbCopy.ts';
import { MAIN_HELP, PROXY_HELP } from './help.ts';
import { proxyCheck } from './proxyCheck.ts';
import { proxyNginx } from './proxyNginx.ts';

const COMMANDS: Record<string, (args: readonly string[], io: CliIo) => Promise<number>> = {
  check: proxyCheck,
  nginx: proxyNginx,
};

/** The package version, found by walking up from this file (cli/ in the source, dist/cli/ built). */
function version(): string {
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'hybrid-chat' && pkg.version) return pkg.version;
    } catch {
      // No package.json at this level: keep walking up.
    }
    if (dirname(dir) === dir) return 'unknown';
  }
}

async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  const [first, second, ...rest] = argv;
  if (first === '-h' || first === '--help' || first === 'help') {
    io.stdout(MAIN_HELP);
    return 0;
  }
  if (first === '-v' || first === '--version') {
    io.stdout(`${version()}\n`);
    return 0;
  }
  if (first === undefined) {
    io.stderr(MAIN_HELP);
    return 2;
  }
  if (first === 'db') {
    if (second === 'copy') return dbCopy(rest, io);
    throw usageError(second === undefined ? 'db: missing command (copy)' : `unknown command "db ${second}"`);
  }
  if (first !== 'proxy') throw usageError(`unknown command "${first}"`);
  if (second === '-h' || second === '--help') {
    io.stdout(PROXY_HELP);
    return 0;
  }
  if (second === undefined) {
    io.stderr(PROXY_HELP);
    return 2;
  }
  const command = Object.hasOwn(COMMANDS, second) ? COMMANDS[second] : undefined;
  if (!command) throw usageError(`unknown command "proxy ${second}" (use check or nginx)`);
  return command(rest, io);
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await dispatch(argv, io);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    const hint = error.code === 'USAGE' ? `\nRun "hybrid-chat ${helpFor(argv)}--help" for usage.` : '';
    // An invalid map is reported as `map:line: problem`, like a compiler; the rest is prefixed.
    io.stderr(`${error.code === 'INVALID_MAP' ? '' : 'hybrid-chat: '}${error.message}${hint}\n`);
    return error.exitCode;
  }
}

function helpFor(argv: readonly string[]): string {
  if (argv[0] === 'db' && argv[1] === 'copy') return 'db copy ';
  if (argv[0] !== 'proxy') return '';
  return argv[1] !== undefined && Object.hasOwn(COMMANDS, argv[1]) ? `proxy ${argv[1]} ` : 'proxy ';
}
