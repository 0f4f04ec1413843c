import { describe, expect, it } from 'vitest';
import { parseProxyMap, type ProxyMap } from '../../sdk/core/proxyMap.ts';
import { parseGadgetSpec } from '../container/gadgetSpec.ts';
import type { PrefRewriteContext } from '../container/prefs.ts';
import { createAllowedProxyHosts } from './allowedHosts.ts';
import { createProxyPrefRewriter } from './prefRewriter.ts';
import type { RequestFacts } from './requestFacts.ts';

// Cisco's pref example (SMHostName:7443=external-proxy-host:4043) and hosts like its example map.
const MAP = parseProxyMap(
  [
    'finesse1.internal.com:8445=finesse1.xyz.com:443',
    'chat.internal.com:8444=chat.xyz.com:443',
    'SMHostName:7443=external-proxy-host:4043',
  ].join('\n'),
);

const DEFAULTS: Record<string, string> = {
  externalServerHostAndPort_chat: 'chat.internal.com:8444',
  externalServerHostAndPort_sm: 'SMHostName:7443',
  externalServerHostAndPort_other: 'unmapped.internal.com:9000',
  chatServer: 'chat.internal.com:8444',
  host: 'finesse1.internal.com',
  externalServerHost: 'https://finesse1.internal.com:8445',
};

const REWRITTEN: Record<string, string> = {
  ...DEFAULTS,
  externalServerHostAndPort_chat: 'chat.xyz.com:443',
  externalServerHostAndPort_sm: 'external-proxy-host:4043',
  externalServerHost: 'https://finesse1.xyz.com:443',
};

const PROXY_IP = '10.78.95.178';
const PROXY_BY_NAME = '10.78.95.179'; // what proxy.xyz.com resolves to
const LAN_CLIENT = '10.1.2.3';

const allowed = createAllowedProxyHosts({
  lookup: async (name) => (name === 'proxy.xyz.com' ? [PROXY_BY_NAME] : []),
});
await allowed.add([PROXY_IP, 'proxy.xyz.com']);

const spec = parseGadgetSpec('<Module><ModulePrefs title="t"/><Content type="html">x</Content></Module>');

function facts(overrides: Partial<RequestFacts>): RequestFacts {
  return {
    host: 'finesse1.internal.com:8445',
    peerAddress: LAN_CLIENT,
    scheme: 'http',
    forwardedHost: undefined,
    forwardedPort: undefined,
    forwardedProto: undefined,
    ...overrides,
  };
}

function rewrite(request: RequestFacts, map: () => ProxyMap | undefined = () => MAP): Record<string, string> {
  const prefs = new Map(Object.entries(DEFAULTS));
  const context: PrefRewriteContext = { spec, requestHost: request.host, request };
  createProxyPrefRewriter({ map, allows: allowed.allows })(prefs, context);
  return Object.fromEntries(prefs);
}

describe('reverse-proxy pref rewrite', () => {
  it.each<[string, Partial<RequestFacts>, Record<string, string>]>([
    ['a LAN request', {}, DEFAULTS],
    [
      'a proxied request from an allowed IP (X-Forwarded-Host, -Port, -Proto)',
      {
        peerAddress: PROXY_IP,
        forwardedHost: 'finesse1.xyz.com',
        forwardedPort: '443',
        forwardedProto: 'https',
      },
      REWRITTEN,
    ],
    [
      'X-Forwarded-Host with its port, no X-Forwarded-Port',
      { peerAddress: PROXY_IP, forwardedHost: 'FINESSE1.xyz.com:443', forwardedProto: 'https' },
      REWRITTEN,
    ],
    [
      'X-Forwarded-Host without a port: the default port of X-Forwarded-Proto',
      { peerAddress: PROXY_IP, forwardedHost: 'finesse1.xyz.com', forwardedProto: 'https' },
      REWRITTEN,
    ],
    [
      'only the Host header, from a proxy allowed by host name',
      { peerAddress: PROXY_BY_NAME, host: 'finesse1.xyz.com:443', forwardedProto: 'https' },
      REWRITTEN,
    ],
    [
      'an allowed proxy as an IPv4-mapped IPv6 peer',
      { peerAddress: `::ffff:${PROXY_IP}`, host: 'finesse1.xyz.com:443', forwardedProto: 'https' },
      REWRITTEN,
    ],
    [
      'the external scheme taken from X-Forwarded-Proto (http here)',
      { peerAddress: PROXY_IP, host: 'finesse1.xyz.com:443', forwardedProto: 'http' },
      { ...REWRITTEN, externalServerHost: 'http://finesse1.xyz.com:443' },
    ],
    [
      'Host matching the map but the peer is not an allowed proxy',
      { host: 'finesse1.xyz.com:443' },
      DEFAULTS,
    ],
    [
      'X-Forwarded-Host from a peer that is not an allowed proxy (ignored)',
      { forwardedHost: 'finesse1.xyz.com:443', forwardedProto: 'https' },
      DEFAULTS,
    ],
    [
      'an allowed proxy, but a host that is no right-hand side of the map',
      { peerAddress: PROXY_IP, forwardedHost: 'elsewhere.xyz.com:443' },
      DEFAULTS,
    ],
    [
      'an allowed proxy forwarding a LAN host (a left-hand side, not a right-hand one)',
      { peerAddress: PROXY_IP, host: 'finesse1.internal.com:8445' },
      DEFAULTS,
    ],
    [
      'an allowed proxy whose host lacks a port, no X-Forwarded-Port: http → 80, not mapped',
      { peerAddress: PROXY_IP, forwardedHost: 'finesse1.xyz.com' },
      DEFAULTS,
    ],
  ])('%s', (_case, overrides, expected) => {
    expect(rewrite(facts(overrides))).toEqual(expected);
  });

  it('changes nothing before a map has been loaded', () => {
    expect(rewrite(facts({ peerAddress: PROXY_IP, host: 'finesse1.xyz.com:443' }), () => undefined)).toEqual(
      DEFAULTS,
    );
  });

  it('leaves prefs not named externalServerHostAndPort…, and unmapped values, untouched', () => {
    const result = rewrite(facts({ peerAddress: PROXY_IP, host: 'finesse1.xyz.com:443' }));
    expect(result.chatServer).toBe('chat.internal.com:8444');
    expect(result.host).toBe('finesse1.internal.com');
    expect(result.externalServerHostAndPort_other).toBe('unmapped.internal.com:9000');
  });

  it('moves externalServerHost only when its host:port is mapped, keeping its path', () => {
    const prefs = new Map([
      ['externalServerHost', 'https://finesse1.internal.com:8445/desktop/?x=1'],
      ['externalServerHostAndPort_x', ' chat.internal.com:8444 '],
    ]);
    const request = facts({ peerAddress: PROXY_IP, host: 'finesse1.xyz.com:443', forwardedProto: 'https' });
    createProxyPrefRewriter({ map: () => MAP, allows: allowed.allows })(prefs, {
      spec,
      requestHost: request.host,
      request,
    });
    expect(Object.fromEntries(prefs)).toEqual({
      externalServerHost: 'https://finesse1.xyz.com:443/desktop/?x=1',
      externalServerHostAndPort_x: 'chat.xyz.com:443',
    });
    for (const value of ['https://elsewhere.com:8445', 'https://finesse1.internal.com', 'not a url']) {
      const one = new Map([['externalServerHost', value]]);
      createProxyPrefRewriter({ map: () => MAP, allows: allowed.allows })(one, {
        spec,
        requestHost: request.host,
        request,
      });
      expect(one.get('externalServerHost')).toBe(value);
    }
  });
});

describe('allowed proxy hosts', () => {
  it('takes IPs and host names, refuses anything else, and forgets removed ones', async () => {
    const hosts = createAllowedProxyHosts({ lookup: async () => ['192.0.2.7', '::ffff:192.0.2.8'] });
    await expect(hosts.add(['proxy.xyz.com', 'not a host'])).rejects.toThrow(/not an IP address/);
    expect(hosts.list()).toEqual([]); // all or nothing
    await hosts.add(['proxy.xyz.com', '2001:DB8::1']);
    expect(hosts.list()).toEqual([
      { host: 'proxy.xyz.com', addresses: ['192.0.2.7', '192.0.2.8'] },
      { host: '2001:db8::1', addresses: ['2001:db8::1'] },
    ]);
    expect(hosts.allows('192.0.2.8')).toBe(true);
    expect(hosts.allows('2001:db8::1')).toBe(true);
    expect(hosts.allows('192.0.2.9')).toBe(false);
    expect(hosts.remove('PROXY.xyz.com')).toBe(true);
    expect(hosts.allows('192.0.2.7')).toBe(false);
  });

  it('keeps the last addresses of a name that stops resolving', async () => {
    let answer: string[] | undefined = ['192.0.2.10'];
    const warn = { warn: () => undefined };
    const hosts = createAllowedProxyHosts({
      hosts: ['proxy.xyz.com'],
      lookup: async () => {
        if (!answer) throw new Error('ENOTFOUND');
        return answer;
      },
      log: warn,
    });
    expect(hosts.allows('192.0.2.10')).toBe(false); // not resolved yet
    await hosts.refresh();
    expect(hosts.allows('192.0.2.10')).toBe(true);
    answer = undefined;
    await hosts.refresh();
    expect(hosts.allows('192.0.2.10')).toBe(true);
  });
});
