/**
 * `hybrid-chat proxy nginx <map> [options]`: reads the map, turns the command line into
 * NginxConfigOptions and prints (or writes) renderNginxConfig's output.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CliError, usageError } from './cliError.ts';
import type { CliIo } from './cliIo.ts';
import { NGINX_HELP } from './help.ts';
import { parseCommandArgs } from './parseCommandArgs.ts';
import { oneMap, parseMapText } from './proxyCheck.ts';
import { readMapSource } from './readMapSource.ts';
import { renderNginxConfig, type NginxConfigOptions, type UpstreamScheme } from './renderNginxConfig.ts';

const OPTIONS = {
  chat: { type: 'string', multiple: true },
  xmpp: { type: 'string', multiple: true },
  'upstream-scheme': { type: 'string' },
  'chat-scheme': { type: 'string' },
  'xmpp-scheme': { type: 'string' },
  'finesse-scheme': { type: 'string' },
  'upstream-ca': { type: 'string' },
  'cert-dir': { type: 'string' },
  listen: { type: 'string', multiple: true },
  'no-http2': { type: 'boolean' },
  'max-body-size': { type: 'string' },
  'cache-dir': { type: 'string' },
  standalone: { type: 'boolean' },
  prefix: { type: 'string' },
  foreground: { type: 'boolean' },
  user: { type: 'string' },
  output: { type: 'string', short: 'o' },
  help: { type: 'boolean', short: 'h' },
} as const;

function scheme(value: string | undefined, option: string): UpstreamScheme | undefined {
  if (value === undefined || value === 'https' || value === 'http') return value;
  throw usageError(`--${option} ${value}: use https or http`);
}

/** Relative paths would be resolved by nginx against its own prefix: make them absolute here. */
function absolute(path: string | undefined): string | undefined {
  return path === undefined ? undefined : resolve(path);
}

function nginxOptions(values: ReturnType<typeof parseNginxArgs>['values']): NginxConfigOptions {
  const standaloneOnly = (['prefix', 'foreground', 'user'] as const).filter(
    (name) => values[name] !== undefined,
  );
  if (!values.standalone && standaloneOnly.length > 0) {
    throw usageError(`--${standaloneOnly[0]} needs --standalone`);
  }
  if (values.standalone && values.prefix === undefined) {
    throw usageError('--standalone needs --prefix <dir> (pid file, logs, temp files and cache go there)');
  }
  const options: NginxConfigOptions = {
    chat: values.chat ?? [],
    xmpp: values.xmpp ?? [],
    upstreamScheme: scheme(values['upstream-scheme'], 'upstream-scheme'),
    chatScheme: scheme(values['chat-scheme'], 'chat-scheme'),
    finesseScheme: scheme(values['finesse-scheme'], 'finesse-scheme'),
    xmppScheme: scheme(values['xmpp-scheme'], 'xmpp-scheme'),
    upstreamCa: absolute(values['upstream-ca']),
    certDir: absolute(values['cert-dir']),
    listen: values.listen ?? [],
    http2: !values['no-http2'],
    maxBodySize: values['max-body-size'],
    cacheDir: absolute(values['cache-dir']),
  };
  if (values.standalone && values.prefix !== undefined) {
    options.standalone = {
      prefix: resolve(values.prefix),
      foreground: values.foreground ?? false,
      user: values.user,
    };
  }
  return options;
}

/**
 * Started as root, nginx runs its workers as `nobody`, who cannot enter a private prefix (mkdtemp
 * makes 0700 directories): caching and buffering to temp files would then fail at run time.
 */
function rootWorkerWarning(standalone: NginxConfigOptions['standalone']): string | null {
  if (!standalone || standalone.user !== undefined || process.getuid?.() !== 0) return null;
  let mode: number;
  try {
    mode = statSync(standalone.prefix).mode;
  } catch {
    return null; // not created yet: nothing to say about its permissions
  }
  if (mode & 0o001) return null;
  return (
    `hybrid-chat: nginx started as root runs its workers as nobody, who cannot enter ${standalone.prefix}; ` +
    'add --user root (or your user), or make the prefix accessible\n'
  );
}

function parseNginxArgs(args: readonly string[]) {
  return parseCommandArgs(args, OPTIONS);
}

export async function proxyNginx(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseNginxArgs(args);
  if (values.help) {
    io.stdout(NGINX_HELP);
    return 0;
  }
  const source = oneMap(positionals, 'nginx');
  const options = nginxOptions(values);
  const { text, label } = await readMapSource(source, io);
  const config = renderNginxConfig(parseMapText(text, label), { ...options, source: label });
  const standaloneWarning = rootWorkerWarning(options.standalone);
  if (standaloneWarning) io.stderr(standaloneWarning);
  if ((options.chat ?? []).length === 0) {
    io.stderr('hybrid-chat: no --chat given: every map line is treated as a Finesse or other Cisco host\n');
  }
  if (values.output === undefined) io.stdout(config);
  else {
    const output = resolve(values.output);
    try {
      await io.writeFile(output, config);
    } catch (error) {
      throw new CliError('IO', `${output}: cannot write (${(error as Error).message})`, { cause: error });
    }
  }
  return 0;
}
