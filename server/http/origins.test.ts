import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createOriginPolicy, loadProxyMapOrigins, proxyMapOrigins } from './origins.ts';

describe('origin policy', () => {
  const policy = createOriginPolicy('https://finesse1.example.com:8445', ['https://www.example.com']);

  it.each([
    ['the Finesse desktop', 'https://finesse1.example.com:8445', 'chat.example.com:8444', true],
    ['a configured site', 'https://www.example.com', 'chat.example.com:8444', true],
    ['the chat server itself', 'https://chat.example.com:8444', 'chat.example.com:8444', true],
    ['a non-browser client (no Origin)', undefined, 'chat.example.com:8444', true],
    ['another site', 'https://evil.example', 'chat.example.com:8444', false],
    ['the Finesse host on another port', 'https://finesse1.example.com:9999', 'chat.example.com:8444', false],
    ['an opaque origin', 'null', 'chat.example.com:8444', false],
    ['garbage', 'not a url', 'chat.example.com:8444', false],
  ])('%s → %s', (_name, origin, host, expected) => {
    expect(policy.allows(origin, host)).toBe(expected);
  });

  it('treats localhost and the loopback addresses alike for a localhost Finesse', () => {
    const local = createOriginPolicy('http://localhost:8445', []);
    expect(local.allows('http://127.0.0.1:8445', 'localhost:8444')).toBe(true);
    expect(local.allows('http://[::1]:8445', 'localhost:8444')).toBe(true);
    expect(local.allows('http://127.0.0.1:9000', 'localhost:8444')).toBe(false);
  });
});

describe('same-origin check behind a proxy', () => {
  const policy = createOriginPolicy('https://finesse1.example.com:8445', []);

  it.each([
    // origin, host the browser used, scheme a trusted proxy forwarded, allowed
    ['https://chat.xyz.com', 'chat.xyz.com', 'https', true],
    ['https://chat.xyz.com', 'chat.xyz.com:443', 'https', true],
    ['https://chat.xyz.com', 'chat.xyz.com', 'http', false],
    ['https://chat.xyz.com:8443', 'chat.xyz.com:8443', 'https', true],
    ['https://chat.xyz.com', 'chat.xyz.com:8443', 'https', false],
    // No trusted scheme: the Origin's own is assumed, as before (a TLS proxy not configured as trusted).
    ['https://chat.xyz.com', 'chat.xyz.com', undefined, true],
    ['https://chat.xyz.com', 'chat.xyz.com:443', undefined, true],
    ['https://chat.xyz.com', 'chat.xyz.com/evil', undefined, false],
    ['https://chat.xyz.com', 'user@chat.xyz.com', undefined, false],
  ] as const)('%s from host %s (%s) → %s', (origin, host, protocol, expected) => {
    expect(policy.allows(origin, host, protocol)).toBe(expected);
  });
});

// Cisco's example map ("Cisco Finesse VPN-less access"), verbatim.
const SEED_003_MAP = `finesse1.internal.com:8445=finesse1.xyz.com:443
finesse2.internal.com:8445=finesse2.xyz.com:443
idspub.internal.com:8553=idspub.xyz.com:443
idssub.internal.com:8553=idssub.xyz.com:443
idp.internal.com:443=idp.xyz.com:443
cuicpub.internal.com:8444=cuicpub.xyz:8444
cuicsub.internal.com:8444=cuicsub.xyz:8444`;

describe('PROXY_MAP_FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-map-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it("turns the map's right-hand sides into https origins (default port dropped, duplicates once)", () => {
    expect(proxyMapOrigins(`${SEED_003_MAP}\nchat.internal.com:8444=finesse1.xyz.com:443\n`)).toEqual([
      'https://finesse1.xyz.com',
      'https://finesse2.xyz.com',
      'https://idspub.xyz.com',
      'https://idssub.xyz.com',
      'https://idp.xyz.com',
      'https://cuicpub.xyz:8444',
      'https://cuicsub.xyz:8444',
    ]);
  });

  it('is read at startup into the allowlist', () => {
    const config = loadConfig({
      PROXY_MAP_FILE: file('good.txt', '# chat\nchat.internal:8444=chat.xyz.com:8443\n'),
    });
    expect(config.proxyOrigins).toEqual(['https://chat.xyz.com:8443']);
    expect(loadConfig({}).proxyOrigins).toEqual([]);
    const policy = createOriginPolicy('https://finesse1.internal.com:8445', config.proxyOrigins);
    expect(policy.allows('https://chat.xyz.com:8443', 'chat.internal:8444')).toBe(true);
  });

  it('stops the server with every bad line numbered when the map is broken', () => {
    const path = file(
      'broken.txt',
      'finesse1.internal.com:8445=finesse1.xyz.com:443\n\nchat.internal=chat.xyz.com:443\nx:1=y:70000\n',
    );
    expect(() => loadConfig({ PROXY_MAP_FILE: path })).toThrow(/PROXY_MAP_FILE .*broken\.txt/);
    expect(() => loadProxyMapOrigins(path)).toThrow(
      /line 3: internal side: missing port[\s\S]*line 4: external side: port 70000/,
    );
  });

  it('says so when the file cannot be read', () => {
    expect(() => loadProxyMapOrigins(join(dir, 'missing.txt'))).toThrow(
      /PROXY_MAP_FILE .*missing\.txt cannot be read/,
    );
  });
});
