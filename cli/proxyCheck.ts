/**
 * `hybrid-chat proxy check <map>`: validates a proxy-config map the way Finesse reads it and says
 * what a reverse proxy will have to serve, or lists every problem with its line number.
 */
import { formatHostPort, parseProxyMap, ProxyMapError, type ProxyMap } from '../sdk/core/proxyMap.ts';
import { CliError } from './cliError.ts';
import type { CliIo } from './cliIo.ts';
import { CHECK_HELP } from './help.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';
import { groupByExternal } from './planProxyHosts.ts';
import { readMapSource } from './readMapSource.ts';

/** Parses map text; an invalid or empty map becomes a CliError listing `file:line: problem`. */
export function parseMapText(text: string, label: string): ProxyMap {
  let map: ProxyMap;
  try {
    map = parseProxyMap(text);
  } catch (error) {
    if (!(error instanceof ProxyMapError)) throw error;
    const problems = error.errors.map(
      (issue) => `${label}:${issue.line}: ${issue.message}\n    ${issue.lineText.trim()}`,
    );
    const count = error.errors.length === 1 ? '1 problem' : `${error.errors.length} problems`;
    throw new CliError('INVALID_MAP', `${problems.join('\n')}\n${label}: ${count}, the map is not valid`, {
      cause: error,
    });
  }
  if (map.entries.length === 0) {
    throw new CliError('INVALID_MAP', `${label}: no entries (only blank lines or comments)`);
  }
  return map;
}

/** The report printed for a valid map. */
export function summarizeMap(map: ProxyMap, label: string): string {
  const groups = groupByExternal(map);
  const entries = map.entries.length === 1 ? '1 entry' : `${map.entries.length} entries`;
  const externals = groups.length === 1 ? '1 external host:port' : `${groups.length} external host:ports`;
  const width = Math.max(...map.entries.map((entry) => formatHostPort(entry.internal).length));
  const lines = map.entries.map(
    (entry) =>
      `  line ${String(entry.line).padStart(3)}  ${formatHostPort(entry.internal).padEnd(width)} -> ` +
      formatHostPort(entry.external),
  );
  const sticky = groups.filter((members) => members.length > 1);
  const stickyLines =
    sticky.length === 0
      ? ['No right-hand side repeats: no sticky groups.']
      : [
          `Sticky groups (${sticky.length}): several internal servers behind one external host:port; the proxy`,
          'must keep each client on one of them (socket.io long-polling needs it):',
          ...sticky.map(
            (members) =>
              `  ${formatHostPort(members[0].external)} <- ` +
              members.map((entry) => `${formatHostPort(entry.internal)} (line ${entry.line})`).join(', '),
          ),
        ];
  return [`${label}: valid, ${entries}, ${externals}`, ...lines, ...stickyLines].join('\n') + '\n';
}

export async function proxyCheck(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { help: { type: 'boolean', short: 'h' } });
  if (values['help']) {
    io.stdout(CHECK_HELP);
    return 0;
  }
  const source = oneMap(positionals, 'check');
  const { text, label } = await readMapSource(source, io);
  io.stdout(summarizeMap(parseMapText(text, label), label));
  return 0;
}

/** The single `<map>` argument of a command. */
export function oneMap(positionals: readonly string[], command: string): string {
  const [source, ...extra] = positionals;
  if (source === undefined)
    throw new CliError('USAGE', `proxy ${command}: missing <map> (a file, - or a URL)`);
  if (extra.length > 0) throw new CliError('USAGE', `proxy ${command}: unexpected argument ${extra[0]}`);
  return source;
}
