import { describe, expect, it } from 'vitest';
import { HybridChatError } from './errors.ts';
import { parseProxyMap } from './proxyMap.ts';
import {
  CHAT_SERVER_PREF,
  ProxyPrefError,
  readGadgetPref,
  resolveExternalServerUrl,
  resolveFinesseBaseUrl,
  serverUrlFromPref,
  type GadgetPrefsSource,
} from './proxyPrefs.ts';

/** A container whose Prefs answer `prefs` and whose iframe URL carries `params`. */
function container(
  prefs: Record<string, string> | 'throws' | null,
  params: Record<string, string> = {},
): GadgetPrefsSource {
  return {
    ...(prefs === null
      ? {}
      : {
          Prefs: class {
            getString(name: string): string {
              if (prefs === 'throws') throw new Error('prefs feature not loaded');
              return prefs[name] ?? '';
            }
          },
        }),
    util: { getUrlParameters: () => params },
  };
}

const https = { protocol: 'https:', origin: 'https://finesse1.internal.com:8445' };
const http = { protocol: 'http:', origin: 'http://localhost:8445' };

describe('serverUrlFromPref', () => {
  it.each([
    // value, page scheme, base URL
    ['chat.internal:8444', 'https:', 'https://chat.internal:8444'],
    ['chat.internal:8444', 'http:', 'http://chat.internal:8444'],
    ['  Chat.Internal:8444/  ', 'https:', 'https://chat.internal:8444'],
    ['external-proxy-host:4043', 'https:', 'https://external-proxy-host:4043'],
    ['finesse1.xyz.com:443', 'https:', 'https://finesse1.xyz.com:443'],
    ['chat.xyz.com', 'https:', 'https://chat.xyz.com'],
    ['10.0.0.5:8444', 'https:', 'https://10.0.0.5:8444'],
    ['[2001:db8::1]:8444', 'https:', 'https://[2001:db8::1]:8444'],
    ['[::1]', 'http:', 'http://[::1]'],
    ['proxy.xyz.com:443/chat/', 'https:', 'https://proxy.xyz.com:443/chat'],
    ['proxy.xyz.com/hybrid/chat', 'https:', 'https://proxy.xyz.com/hybrid/chat'],
    ['http://10.0.0.5:8444/', 'https:', 'http://10.0.0.5:8444'],
    ['HTTPS://chat.xyz.com:8443/chat', 'http:', 'https://chat.xyz.com:8443/chat'],
  ])('%j on an %s page → %s', (value, protocol, expected) => {
    expect(serverUrlFromPref(CHAT_SERVER_PREF, value, protocol)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['chat.internal:', 'missing port'],
    ['chat.internal:99999', 'out of range'],
    ['chat.internal:84a4', 'not a number'],
    ['-chat.internal:8444', 'bad host'],
    ['chat internal:8444', 'spaces'],
    ['2001:db8::1:8444', 'write IPv6 as [addr]:port'],
    ['[2001:db8::1', 'unclosed'],
    ['ftp://chat.internal:21', 'scheme ftp:'],
    ['javascript://chat.internal:80', 'scheme javascript:'],
    ['https://user@chat.internal:8444', '"@"'],
    ['chat.internal:8444/?x=1', '"?"'],
    ['chat.internal:8444/a/../b', 'bad path'],
    ['https://', 'missing host'],
    ['%CHAT_HOST_PORT%', 'bad host'],
  ])('rejects %j (%s) with a ProxyPrefError naming the preference', (value, reason) => {
    let error: unknown;
    try {
      serverUrlFromPref(CHAT_SERVER_PREF, value, 'https:');
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ProxyPrefError);
    expect(error).toBeInstanceOf(HybridChatError);
    expect(error).toMatchObject({ code: 'PROXY_MAP', pref: CHAT_SERVER_PREF, value });
    expect((error as Error).message).toContain(CHAT_SERVER_PREF);
    expect((error as Error).message).toContain(reason);
  });

  it('refuses a scheme-less value on a page that is not http(s)', () => {
    expect(() => serverUrlFromPref(CHAT_SERVER_PREF, 'chat.internal:8444', 'file:')).toThrow(/file:/);
  });
});

describe('readGadgetPref', () => {
  it.each([
    ['gadgets.Prefs', container({ [CHAT_SERVER_PREF]: 'a.example:1' }), 'a.example:1'],
    [
      'gadgets.Prefs before the URL parameter',
      container({ [CHAT_SERVER_PREF]: 'a.example:1' }, { [`up_${CHAT_SERVER_PREF}`]: 'b.example:2' }),
      'a.example:1',
    ],
    [
      'the up_ parameter when Prefs has no value',
      container({}, { [`up_${CHAT_SERVER_PREF}`]: ' b.example:2 ' }),
      'b.example:2',
    ],
    [
      'the up_ parameter when Prefs throws',
      container('throws', { [`up_${CHAT_SERVER_PREF}`]: 'b.example:2' }),
      'b.example:2',
    ],
    [
      'the up_ parameter without a Prefs feature',
      container(null, { [`up_${CHAT_SERVER_PREF}`]: 'b.example:2' }),
      'b.example:2',
    ],
    ['nothing', container({}), null],
    ['blank values', container({ [CHAT_SERVER_PREF]: ' ' }, { [`up_${CHAT_SERVER_PREF}`]: '' }), null],
    ['no container at all', undefined, null],
  ])('reads %s', (_name, gadgets, expected) => {
    expect(readGadgetPref(gadgets, CHAT_SERVER_PREF)).toBe(expected);
  });
});

describe('resolveExternalServerUrl', () => {
  it('follows the proxy: the pref Finesse rewrote from the map, on the page scheme', () => {
    const map = parseProxyMap('SMHostName:7443=external-proxy-host:4043');
    // On the LAN the gadget gets the gadget.xml default …
    expect(resolveExternalServerUrl(container({ [CHAT_SERVER_PREF]: 'SMHostName:7443' }), https)).toBe(
      'https://smhostname:7443',
    );
    // … through the proxy Finesse substitutes the map's right-hand side.
    const rewritten = map.substitute('SMHostName:7443');
    expect(resolveExternalServerUrl(container({ [CHAT_SERVER_PREF]: rewritten }), https)).toBe(
      'https://external-proxy-host:4043',
    );
  });

  it('reads other externalServerHostAndPort prefs by name, and is null without one', () => {
    const params = { up_externalServerHostAndPort_files: 'files.internal:9000' };
    expect(resolveExternalServerUrl(container({}, params), http, 'externalServerHostAndPort_files')).toBe(
      'http://files.internal:9000',
    );
    expect(resolveExternalServerUrl(container({}), https)).toBeNull();
  });

  it('throws for garbage instead of dialling it', () => {
    expect(() =>
      resolveExternalServerUrl(container({ [CHAT_SERVER_PREF]: 'not an address' }), https),
    ).toThrow(ProxyPrefError);
  });
});

describe('resolveFinesseBaseUrl', () => {
  it.each([
    [
      'externalServerHost from Prefs',
      container({ externalServerHost: 'https://finesse1.xyz.com:443' }),
      'https://finesse1.xyz.com:443',
    ],
    [
      'the up_externalServerHost parameter',
      container({}, { up_externalServerHost: 'https://finesse1.internal.com:8445' }),
      'https://finesse1.internal.com:8445',
    ],
    [
      'a scheme-less externalServerHost',
      container({ externalServerHost: 'finesse1.xyz.com:443' }),
      'https://finesse1.xyz.com:443',
    ],
    ['the page origin without it', container({}), 'https://finesse1.internal.com:8445'],
    ['the page origin without a container', undefined, 'https://finesse1.internal.com:8445'],
  ])('uses %s', (_name, gadgets, expected) => {
    expect(resolveFinesseBaseUrl(gadgets, https)).toBe(expected);
  });

  it('throws when the desktop passes garbage', () => {
    expect(() => resolveFinesseBaseUrl(container({ externalServerHost: 'https://' }), https)).toThrow(
      /externalServerHost/,
    );
  });
});
