import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigUriError, createProxyMapSource, type ProxyMapSource } from './proxyMapSource.ts';
import { startMapServer, type MapServer } from './testMapServer.ts';

const GOOD = 'chat.internal:8444=chat.xyz.com:443\nfinesse.internal:8445=finesse.xyz.com:443\n';
const OTHER = 'chat.internal:8444=chat-b.xyz.com:8443\n';

let server: MapServer;
let source: ProxyMapSource | undefined;
const log = { info: vi.fn(), warn: vi.fn() };

beforeEach(async () => {
  server = await startMapServer();
  log.info.mockClear();
  log.warn.mockClear();
});
afterEach(async () => {
  source?.close();
  source = undefined;
  await server.close();
});

const make = (paths: string[], extra: { pollMs?: number; timeoutMs?: number } = {}) =>
  (source = createProxyMapSource({ uris: paths.map((path) => server.url + path), log, ...extra }));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('proxy-config map source (config-uri)', () => {
  it('applies a good map from the URL', async () => {
    server.set('/map.txt', { body: GOOD });
    const map = make(['/map.txt']);
    const outcome = await map.poll();
    expect(outcome).toMatchObject({ uri: `${server.url}/map.txt`, failures: [] });
    expect(map.current()?.map.lookup('chat.internal:8444')).toBe('chat.xyz.com:443');
    expect(map.current()?.fetchedAt).toEqual(outcome.at);
  });

  it('keeps the last good map when the URL now answers 500', async () => {
    server.set('/map.txt', { body: GOOD });
    const map = make(['/map.txt']);
    await map.poll();
    const good = map.current();
    server.set('/map.txt', { status: 500, body: 'oops' });
    const outcome = await map.poll();
    expect(outcome.uri).toBeUndefined();
    expect(outcome.failures).toEqual([{ uri: `${server.url}/map.txt`, error: 'HTTP 500' }]);
    expect(map.current()).toBe(good);
    expect(map.current()?.map.lookup('finesse.internal:8445')).toBe('finesse.xyz.com:443');
    expect(log.warn).toHaveBeenCalledWith(
      expect.objectContaining({ err: 'HTTP 500' }),
      expect.stringContaining('keeping the last good map'),
    );
  });

  it('keeps the last good map when the map turns invalid, and logs the bad line numbers', async () => {
    server.set('/map.txt', { body: GOOD });
    const map = make(['/map.txt']);
    await map.poll();
    server.set('/map.txt', { body: '# edited\nchat.internal:8444=chat.xyz.com\nfinesse.internal=x:1\n' });
    const outcome = await map.poll();
    expect(outcome.failures[0]?.lines).toEqual([2, 3]);
    expect(map.current()?.map.lookup('chat.internal:8444')).toBe('chat.xyz.com:443');
    const [details, message] = log.warn.mock.calls.at(-1) ?? [];
    expect(details).toMatchObject({ lines: [2, 3] });
    expect(message).toMatch(/line 2: external side: missing port/);
  });

  it('has no map until a poll succeeds', async () => {
    server.set('/map.txt', { body: 'nonsense' });
    const map = make(['/map.txt']);
    await map.poll();
    expect(map.current()).toBeUndefined();
    expect(log.warn.mock.calls[0]?.[1]).toContain('no map yet');
  });

  it('prefers the most recently added URL and uses the other one while it fails', async () => {
    server.set('/old.txt', { body: OTHER });
    server.set('/new.txt', { body: GOOD });
    const map = make(['/old.txt', '/new.txt']);
    await map.poll();
    expect(map.current()?.uri).toBe(`${server.url}/new.txt`);
    expect(server.hits('/old.txt')).toBe(0);

    server.set('/new.txt', { status: 503 });
    const outcome = await map.poll();
    expect(outcome.uri).toBe(`${server.url}/old.txt`);
    expect(outcome.failures.map((f) => f.uri)).toEqual([`${server.url}/new.txt`]);
    expect(map.current()?.map.lookup('chat.internal:8444')).toBe('chat-b.xyz.com:8443');

    server.set('/new.txt', { body: GOOD });
    await map.poll();
    expect(map.current()?.map.lookup('chat.internal:8444')).toBe('chat.xyz.com:443');
  });

  it('falls back to the other URL when the newest one gives an invalid map', async () => {
    server.set('/old.txt', { body: OTHER });
    server.set('/new.txt', { body: 'a:1=b:2\na:1=c:3\n' });
    const map = make(['/old.txt', '/new.txt']);
    const outcome = await map.poll();
    expect(outcome.uri).toBe(`${server.url}/old.txt`);
    expect(outcome.failures[0]?.lines).toEqual([2]);
  });

  it('gives up on a URL that does not answer within the timeout', async () => {
    server.set('/slow.txt', { body: GOOD, delayMs: 2_000 });
    const map = make(['/slow.txt'], { timeoutMs: 100 });
    const started = Date.now();
    const outcome = await map.poll();
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(outcome.failures[0]?.error).toMatch(/timeout|abort/i);
    expect(map.current()).toBeUndefined();
  });

  it('never runs two polls at once, however often it is asked', async () => {
    server.set('/map.txt', { body: GOOD, delayMs: 80 });
    const map = make(['/map.txt'], { pollMs: 5 });
    await map.start(); // one poll, then one every 5 ms after the previous one ends
    await Promise.all([map.poll(), map.poll(), map.poll(), map.poll()]);
    // The timer keeps going: the first poll, the four asked for (one running, one queued), more after.
    await vi.waitFor(() => expect(server.hits('/map.txt')).toBeGreaterThanOrEqual(5), { timeout: 3_000 });
    expect(server.maxConcurrent).toBe(1);
  });

  it('polls on its update frequency and stops on close', async () => {
    server.set('/map.txt', { body: GOOD });
    const map = make(['/map.txt'], { pollMs: 20 });
    await map.start();
    expect(server.hits('/map.txt')).toBe(1);
    await vi.waitFor(() => expect(server.hits('/map.txt')).toBeGreaterThanOrEqual(3), { timeout: 3_000 });
    map.close();
    const polled = server.hits('/map.txt');
    await sleep(100);
    expect(server.hits('/map.txt')).toBeLessThanOrEqual(polled + 1); // at most one already in flight
    const settled = server.hits('/map.txt');
    await sleep(100);
    expect(server.hits('/map.txt')).toBe(settled);
  });

  it('takes at most two http(s) URLs, no duplicates; removing the last one forgets the map', async () => {
    server.set('/a.txt', { body: GOOD });
    const map = make(['/a.txt']);
    const code = (action: () => void) => {
      try {
        action();
      } catch (error) {
        return error instanceof ConfigUriError ? `${error.code} ${error.statusCode}` : 'other';
      }
      return 'ok';
    };
    expect(code(() => map.add('ftp://x.test/map.txt'))).toBe('INVALID_CONFIG_URI 400');
    expect(code(() => map.add('http://u:p@x.test/map.txt'))).toBe('INVALID_CONFIG_URI 400');
    expect(code(() => map.add(`${server.url}/a.txt`))).toBe('DUPLICATE_CONFIG_URI 409');
    expect(code(() => map.add(`${server.url}/b.txt`))).toBe('ok');
    expect(code(() => map.add(`${server.url}/c.txt`))).toBe('TOO_MANY_CONFIG_URIS 409');
    expect(map.uris()).toEqual([`${server.url}/a.txt`, `${server.url}/b.txt`]);

    await map.poll(); // b 404s, a is used
    expect(map.current()?.uri).toBe(`${server.url}/a.txt`);
    expect(map.remove(`${server.url}/a.txt`)).toBe(true);
    expect(map.current()).toBeDefined(); // b is still configured: the last good map stays
    expect(map.remove(`${server.url}/b.txt`)).toBe(true);
    expect(map.current()).toBeUndefined();
    expect(map.remove(`${server.url}/b.txt`)).toBe(false);
  });
});
