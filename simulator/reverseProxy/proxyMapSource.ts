/**
 * Where the proxy-config map comes from, as Finesse's `utils system reverse-proxy config-uri add`
 * (Cisco Finesse VPN-less access): at most two URLs; the most recently added one
 * takes precedence and is polled for changes, and when it is not accessible the other one is used.
 * Polled on an update frequency (Finesse: one minute by default).
 *
 * A poll that finds no usable map (network error, timeout, HTTP error, or a map that does not parse)
 * keeps the last good map, so a broken web server or a typo in the file never takes the proxy
 * translation away from agents already working through the proxy. Polls never overlap.
 */
import { formatHostPort, parseProxyMap, ProxyMapError, type ProxyMap } from '../../sdk/core/proxyMap.ts';
import { readLimited } from '../readLimited.ts';

export const MAX_CONFIG_URIS = 2;
export const DEFAULT_POLL_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 10_000;
/** A map is a few lines per server; anything this big is not one. */
const MAX_MAP_BYTES = 256 * 1024;

export interface ProxyMapLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

export interface ProxyMapSnapshot {
  readonly map: ProxyMap;
  /** The config URI it came from. */
  readonly uri: string;
  /** When it was last fetched and found good (the time of the last good poll). */
  readonly fetchedAt: Date;
}

export interface PollFailure {
  readonly uri: string;
  readonly error: string;
  /** Line numbers of an invalid map (ProxyMapError). */
  readonly lines?: readonly number[];
}

export interface PollOutcome {
  readonly at: Date;
  /** The URI whose map was applied, or undefined when none was usable (the last good map stays). */
  readonly uri: string | undefined;
  readonly failures: readonly PollFailure[];
}

/** A rejected config URI; `statusCode` is what `/sim/api` answers. */
export class ConfigUriError extends Error {
  readonly code: 'INVALID_CONFIG_URI' | 'TOO_MANY_CONFIG_URIS' | 'DUPLICATE_CONFIG_URI';
  readonly statusCode: 400 | 409;

  constructor(code: ConfigUriError['code'], message: string) {
    super(message);
    this.name = 'ConfigUriError';
    this.code = code;
    this.statusCode = code === 'INVALID_CONFIG_URI' ? 400 : 409;
  }
}

export interface ProxyMapSourceOptions {
  /** Config URIs in the order they were added (the last one takes precedence). */
  readonly uris?: readonly string[];
  readonly pollMs?: number;
  /** Per fetch, body included. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  readonly now?: () => Date;
  readonly log?: ProxyMapLog;
  /** Runs after every poll (the allowed hosts re-resolve their names on the same beat). */
  readonly onTick?: () => Promise<void>;
}

export interface ProxyMapSource {
  /** In the order added. */
  uris(): string[];
  add(uri: string): void;
  /** False when it was not configured. Removing the last one forgets the map (no source, no proxy). */
  remove(uri: string): boolean;
  current(): ProxyMapSnapshot | undefined;
  lastPoll(): PollOutcome | undefined;
  readonly pollMs: number;
  /** Polls now; while a poll runs, waits for it and then polls once more (never two at a time). */
  poll(): Promise<PollOutcome>;
  /** Polls once, then every `pollMs` after the previous poll ended. */
  start(): Promise<void>;
  close(): void;
}

/** An http(s) URL without credentials; the normalised href. */
export function checkConfigUri(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new ConfigUriError('INVALID_CONFIG_URI', `Source ${text} is invalid: not an absolute URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigUriError('INVALID_CONFIG_URI', `Source ${text} is invalid: use http or https`);
  }
  if (url.username || url.password) {
    throw new ConfigUriError('INVALID_CONFIG_URI', `Source ${text} is invalid: no credentials in the URL`);
  }
  url.hash = '';
  return url.href;
}

/** One line per entry, to notice a change worth logging. */
const signature = (map: ProxyMap): string =>
  map.entries.map((e) => `${formatHostPort(e.internal)}=${formatHostPort(e.external)}`).join('\n');

export function createProxyMapSource(options: ProxyMapSourceOptions = {}): ProxyMapSource {
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const now = options.now ?? (() => new Date());
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const log = options.log;
  const uris: string[] = [];
  let snapshot: ProxyMapSnapshot | undefined;
  let last: PollOutcome | undefined;
  let running: Promise<PollOutcome> | undefined;
  let queued: Promise<PollOutcome> | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Bumped by start/close, so a tick still running from before a close never reschedules itself.
  let generation = 0;
  let started = false;

  const add = (text: string) => {
    const uri = checkConfigUri(text);
    if (uris.includes(uri))
      throw new ConfigUriError('DUPLICATE_CONFIG_URI', `Source ${uri} is already added`);
    if (uris.length >= MAX_CONFIG_URIS) {
      throw new ConfigUriError(
        'TOO_MANY_CONFIG_URIS',
        `At most ${MAX_CONFIG_URIS} sources; delete one before adding ${uri}`,
      );
    }
    uris.push(uri);
  };
  for (const uri of options.uris ?? []) add(uri);

  const fetchMap = async (uri: string): Promise<ProxyMap> => {
    const response = await doFetch(uri, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: 'text/plain, */*;q=0.5' },
      cache: 'no-store',
    });
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined); // best effort; the status is the news
      throw new Error(`HTTP ${response.status}`);
    }
    return parseProxyMap(
      await readLimited(response, MAX_MAP_BYTES, (max) => new Error(`larger than ${max} bytes`)),
    );
  };

  const run = async (): Promise<PollOutcome> => {
    const failures: PollFailure[] = [];
    // Newest first: it takes precedence; the other one is the fallback.
    const order = [...uris].reverse();
    for (const [index, uri] of order.entries()) {
      try {
        const map = await fetchMap(uri);
        if (!uris.includes(uri)) continue; // deleted while it was being fetched
        const changed = snapshot?.uri !== uri || signature(snapshot.map) !== signature(map);
        snapshot = { map, uri, fetchedAt: now() };
        if (changed) log?.info({ uri, entries: map.entries.length }, `proxy map loaded from ${uri}`);
        return (last = { at: snapshot.fetchedAt, uri, failures });
      } catch (error) {
        const failure: PollFailure =
          error instanceof ProxyMapError
            ? { uri, error: error.message, lines: [...new Set(error.errors.map((issue) => issue.line))] }
            : { uri, error: (error as Error).message || String(error) };
        failures.push(failure);
        const next =
          index < order.length - 1
            ? 'trying the other source'
            : snapshot
              ? 'keeping the last good map'
              : 'no map yet';
        log?.warn(
          { uri, err: failure.error, ...(failure.lines ? { lines: failure.lines } : {}) },
          `proxy map from ${uri} not usable (${failure.error}); ${next}`,
        );
      }
    }
    return (last = { at: now(), uri: undefined, failures });
  };

  const poll = (): Promise<PollOutcome> => {
    if (!running) {
      running = run().finally(() => {
        running = undefined;
      });
      return running;
    }
    // `running` is cleared before this continuation runs, so the follow-up poll starts fresh.
    queued ??= running.then(() => {
      queued = undefined;
      return poll();
    });
    return queued;
  };

  const tick = async (beat: number): Promise<void> => {
    if (beat !== generation) return;
    if (uris.length > 0) await (running ?? poll());
    await options.onTick?.().catch(() => undefined); // it logs its own trouble
    if (beat === generation) {
      timer = setTimeout(() => void tick(beat), pollMs);
      timer.unref();
    }
  };

  return {
    uris: () => [...uris],
    add,
    remove(text) {
      let uri: string;
      try {
        uri = checkConfigUri(text);
      } catch {
        return false;
      }
      const index = uris.indexOf(uri);
      if (index === -1) return false;
      uris.splice(index, 1);
      if (uris.length === 0) snapshot = undefined;
      return true;
    },
    current: () => snapshot,
    lastPoll: () => last,
    pollMs,
    poll,
    start: async () => {
      if (started) return;
      started = true;
      await tick(++generation);
    },
    close() {
      generation += 1;
      started = false;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
