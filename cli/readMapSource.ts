/**
 * Reads a proxy-config map from where an administrator keeps it: a file, standard input (`-`) or
 * the http(s) URL that Finesse, IdS and CUIC poll ("Cisco Finesse VPN-less access", "Host the Mapping File").
 */
import { CliError } from './cliError.ts';
import type { CliIo } from './cliIo.ts';

/** A map is a few lines per server; anything this large is the wrong file or URL. */
const MAX_MAP_BYTES = 1024 * 1024;
const FETCH_TIMEOUT_MS = 10_000;

export interface MapSource {
  text: string;
  /** How messages name the source: the path, the URL or `<stdin>`. */
  label: string;
}

function tooLarge(label: string): CliError {
  return new CliError('IO', `${label}: larger than ${MAX_MAP_BYTES} bytes, not a proxy-config map`);
}

async function fetchMap(url: string, io: CliIo): Promise<string> {
  let response: Response;
  try {
    response = await io.fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'follow' });
  } catch (error) {
    const reason =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
    throw new CliError('IO', `${url}: cannot fetch (${reason})`, { cause: error });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new CliError('IO', `${url}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_MAP_BYTES) {
    await response.body?.cancel();
    throw tooLarge(url);
  }
  const text = await response.text();
  if (Buffer.byteLength(text) > MAX_MAP_BYTES) throw tooLarge(url);
  return text;
}

export async function readMapSource(source: string, io: CliIo): Promise<MapSource> {
  if (source === '-') {
    const text = await io.readStdin();
    if (Buffer.byteLength(text) > MAX_MAP_BYTES) throw tooLarge('<stdin>');
    return { text, label: '<stdin>' };
  }
  if (/^https?:\/\//i.test(source)) return { text: await fetchMap(source, io), label: source };
  try {
    const text = await io.readFile(source);
    if (Buffer.byteLength(text) > MAX_MAP_BYTES) throw tooLarge(source);
    return { text, label: source };
  } catch (error) {
    if (error instanceof CliError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error);
    throw new CliError('IO', `${source}: cannot read (${reason})`, { cause: error });
  }
}
