import { describe, expect, it } from 'vitest';
import { HybridChatError } from './errors.ts';
import { ProxyMapError, formatHostPort, parseProxyMap } from './proxyMap.ts';

// Verbatim from "Cisco Finesse VPN-less access" (two Finesse nodes, two CUIC nodes).
const SEED_003_MAP = `finesse1.internal.com:8445=finesse1.xyz.com:443
finesse2.internal.com:8445=finesse2.xyz.com:443
idspub.internal.com:8553=idspub.xyz.com:443
idssub.internal.com:8553=idssub.xyz.com:443
idp.internal.com:443=idp.xyz.com:443
cuicpub.internal.com:8444=cuicpub.xyz:8444
cuicsub.internal.com:8444=cuicsub.xyz:8444`;

function parseError(text: string): ProxyMapError {
  try {
    parseProxyMap(text);
  } catch (error) {
    if (error instanceof ProxyMapError) return error;
    throw error;
  }
  throw new Error('expected parseProxyMap to throw');
}

describe('parseProxyMap with the Cisco example map', () => {
  it('parses all seven lines with their line numbers', () => {
    const map = parseProxyMap(SEED_003_MAP);
    expect(map.entries).toHaveLength(7);
    expect(map.entries.map((entry) => entry.line)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(map.entries[0]).toEqual({
      internal: { host: 'finesse1.internal.com', port: 8445 },
      external: { host: 'finesse1.xyz.com', port: 443 },
      line: 1,
    });
  });

  it.each([
    ['finesse1.internal.com:8445', 'finesse1.xyz.com:443'],
    ['finesse2.internal.com:8445', 'finesse2.xyz.com:443'],
    ['idspub.internal.com:8553', 'idspub.xyz.com:443'],
    ['idssub.internal.com:8553', 'idssub.xyz.com:443'],
    ['idp.internal.com:443', 'idp.xyz.com:443'],
    ['cuicpub.internal.com:8444', 'cuicpub.xyz:8444'],
    ['cuicsub.internal.com:8444', 'cuicsub.xyz:8444'],
  ])('maps %s to %s and back', (internal, external) => {
    const map = parseProxyMap(SEED_003_MAP);
    expect(map.lookup(internal)).toBe(external);
    expect(map.reverse(external)).toBe(internal);
    expect(map.substitute(internal)).toBe(external);
  });

  it.each([
    ['an unmapped host', 'other.internal.com:8445'],
    ['a mapped host on another port', 'finesse1.internal.com:443'],
    ['an external host (lookup is one-way)', 'finesse1.xyz.com:443'],
    ['a value that is not host:port', 'not a host'],
    ['an empty value', ''],
  ])('returns null from lookup and leaves substitute unchanged for %s', (_, value) => {
    const map = parseProxyMap(SEED_003_MAP);
    expect(map.lookup(value)).toBeNull();
    expect(map.substitute(value)).toBe(value);
  });

  it('substitutes the Cisco UserPref example (SMHostName:7443)', () => {
    const map = parseProxyMap('SMHostName:7443=external-proxy-host:4043');
    expect(map.substitute('SMHostName:7443')).toBe('external-proxy-host:4043');
  });
});

describe('parseProxyMap layout tolerance', () => {
  it.each([
    ['blank lines', '\n\na.internal:1=a.example:2\n\n', 3],
    ['whole-line comments', '# header\n  # indented\na.internal:1=a.example:2', 3],
    ['trailing comments', 'a.internal:1=a.example:2 # finesse node 1', 1],
    ['surrounding whitespace', '  \ta.internal:1=a.example:2\t  ', 1],
    ['whitespace around "="', 'a.internal:1 = a.example:2', 1],
    ['CRLF line endings', '# c\r\n\r\na.internal:1=a.example:2\r\n', 3],
    ['old-Mac CR line endings', '# c\r\ra.internal:1=a.example:2', 3],
    ['a leading BOM', '\uFEFFa.internal:1=a.example:2', 1],
    ['a BOM before a comment', '\uFEFF# c\na.internal:1=a.example:2', 2],
  ])('accepts %s', (_, text, line) => {
    const map = parseProxyMap(text);
    expect(map.entries).toEqual([
      { internal: { host: 'a.internal', port: 1 }, external: { host: 'a.example', port: 2 }, line },
    ]);
    expect(map.lookup('a.internal:1')).toBe('a.example:2');
  });

  it.each([
    ['an empty file', ''],
    ['only comments and blanks', '# nothing\n\n   \n# yet\r\n'],
  ])('returns an empty map for %s', (_, text) => {
    const map = parseProxyMap(text);
    expect(map.entries).toEqual([]);
    expect(map.lookup('a:1')).toBeNull();
  });
});

describe('parseProxyMap hosts', () => {
  it.each([
    ['IPv4 to hostname', '10.0.0.1:8445=proxy.example.com:443', '10.0.0.1:8445', 'proxy.example.com:443'],
    ['IPv6 loopback', '[::1]:8445=[2001:db8::1]:443', '[::1]:8445', '[2001:db8::1]:443'],
    ['full IPv6', '[2001:db8:0:0:0:0:0:1]:1=h:2', '[2001:db8:0:0:0:0:0:1]:1', 'h:2'],
    ['IPv6 with embedded IPv4', '[::ffff:10.0.0.1]:1=h:2', '[::ffff:10.0.0.1]:1', 'h:2'],
    ['single-label host', 'smhostname:7443=proxy:4043', 'smhostname:7443', 'proxy:4043'],
    ['hyphens and digits', 'a-1.b2.c:1=9abc.example:65535', 'a-1.b2.c:1', '9abc.example:65535'],
  ])('accepts %s', (_, text, internal, external) => {
    const map = parseProxyMap(text);
    expect(map.lookup(internal)).toBe(external);
    expect(map.reverse(external)).toBe(internal);
  });

  it('stores IPv6 hosts without brackets and formats them with brackets', () => {
    const [entry] = parseProxyMap('[2001:DB8::A]:443=edge:443').entries;
    expect(entry?.internal).toEqual({ host: '2001:db8::a', port: 443 });
    expect(formatHostPort({ host: '2001:db8::a', port: 443 })).toBe('[2001:db8::a]:443');
  });

  it.each([
    ['lookup', 'FINESSE1.Internal.COM:8445', 'finesse1.xyz.com:443'],
    ['reverse', 'Finesse1.XYZ.com:443', 'finesse1.internal.com:8445'],
    ['substitute', 'FINESSE1.INTERNAL.COM:8445', 'finesse1.xyz.com:443'],
  ] as const)('compares hosts case-insensitively in %s(%s)', (method, value, expected) => {
    const map = parseProxyMap('Finesse1.Internal.com:8445=FINESSE1.xyz.com:443');
    expect(map.entries[0]?.internal.host).toBe('finesse1.internal.com');
    expect(map.entries[0]?.external.host).toBe('finesse1.xyz.com');
    expect(map[method](value)).toBe(expected);
  });
});

describe('parseProxyMap errors', () => {
  it.each([
    ['missing port', 'a.internal=b.example:1', /missing port/],
    ['empty port', 'a.internal:=b.example:1', /missing port/],
    ['missing port on the right', 'a.internal:1=b.example', /external side: missing port/],
    ['missing port after IPv6', '[::1]=b:1', /missing port/],
    ['port not a number', 'a.internal:http=b:1', /port "http" is not a number/],
    ['negative port', 'a.internal:-1=b:1', /not a number/],
    ['port zero', 'a.internal:0=b:1', /out of range 1\.\.65535/],
    ['port above 65535', 'a.internal:65536=b:1', /out of range/],
    ['port far too large', 'a:99999999999999999999=b:1', /out of range/],
    ['label starting with a hyphen', '-a.internal:1=b:1', /bad host "-a.internal"/],
    ['label ending with a hyphen', 'a-.internal:1=b:1', /bad host/],
    ['underscore in host', 'a_b.internal:1=b:1', /bad host/],
    ['empty label', 'a..internal:1=b:1', /bad host/],
    ['trailing dot', 'a.internal.:1=b:1', /bad host/],
    ['label over 63 characters', `${'a'.repeat(64)}.x:1=b:1`, /bad host/],
    ['host over 253 characters', `${'abcdefghi.'.repeat(26)}x:1=b:1`, /bad host/],
    ['IPv4 octet out of range', '10.0.0.256:1=b:1', /bad host "10.0.0.256"/],
    ['IPv4 with too few octets', '10.0.1:1=b:1', /bad host/],
    ['space in host', 'a b:1=c:2', /bad host/],
    ['unicode host', 'café.example:1=b:1', /bad host/],
    ['missing host', ':8445=b:1', /missing host/],
    ['unbracketed IPv6', '::1:443=b:1', /write IPv6 as \[addr\]:port/],
    ['bad IPv6', '[::g]:1=b:1', /bad IPv6 address "::g"/],
    ['IPv6 with two "::"', '[1::2::3]:1=b:1', /bad IPv6/],
    ['unclosed bracket', '[::1:443=b:1', /unclosed "\["/],
    ['junk after bracket', '[::1]x:443=b:1', /unexpected "x:443" after "\]"/],
    ['missing "="', 'a.internal:1 b.example:2', /missing "="/],
    ['more than one "="', 'a:1=b:2=c:3', /more than one "="/],
    ['empty left side', '=b.example:1', /empty left side/],
    ['empty right side', 'a.internal:1=  # nothing', /empty right side/],
  ])('rejects %s with its line number', (_, badLine, message) => {
    const error = parseError(`# header\na.ok:1=b.ok:1\n${badLine}\n`);
    expect(error).toBeInstanceOf(HybridChatError);
    expect(error.code).toBe('PROXY_MAP');
    expect(error.name).toBe('ProxyMapError');
    expect(error.line).toBe(3);
    expect(error.lineText).toBe(badLine);
    expect(error.message).toMatch(/^proxy map line 3: /);
    expect(error.message).toMatch(message);
    expect(error.errors).toHaveLength(1);
  });

  it.each([
    ['the same host and port', 'a.internal:1=x:1\na.internal:1=y:1'],
    ['a host differing only in case', 'a.internal:1=x:1\nA.INTERNAL:1=y:1'],
    ['IPv6 differing only in case', '[::a]:1=x:1\n[::A]:1=y:1'],
  ])('rejects a duplicate left side: %s', (_, text) => {
    const error = parseError(text);
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/duplicate internal .* \(first on line 1\)/);
  });

  it('allows the same host on different ports and the same external twice', () => {
    const map = parseProxyMap('a:1=edge:443\na:2=edge:443');
    expect(map.lookup('a:2')).toBe('edge:443');
    expect(map.reverse('edge:443')).toBe('a:1');
  });

  it('reports every bad line, numbered, in one error', () => {
    const text = ['ok:1=ok:2', 'bad', '# fine', 'a:0=b:1', '', 'ok:1=again:3', 'x:1=y'].join('\r\n');
    const error = parseError(text);
    expect(error.errors.map((issue) => issue.line)).toEqual([2, 4, 6, 7]);
    expect(error.line).toBe(2);
    expect(error.lineText).toBe('bad');
    expect(error.message).toMatch(/^proxy map has 4 problems:\n {2}line 2: missing "="/);
    expect(error.message).toContain('line 7: external side: missing port');
  });

  it('reports both sides when both are bad on one line', () => {
    const error = parseError('a:0=b:x');
    expect(error.errors.map((issue) => issue.message)).toEqual([
      'internal side: port 0 is out of range 1..65535',
      'external side: port "x" is not a number',
    ]);
  });
});
