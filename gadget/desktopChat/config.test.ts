import { describe, expect, it } from 'vitest';
import { ProxyPrefError } from '../../sdk/index.ts';
import { readDesktopChatConfig } from './config.ts';

/** Shindig's prefs as the desktop hands them to the gadget. */
function gadgets(prefs: Record<string, string>) {
  return {
    Prefs: class {
      getString(name: string): string {
        return prefs[name] ?? '';
      }
    },
  };
}

describe('Desktop Chat configuration from the gadget preferences', () => {
  it('is off without a primary server (no button)', () => {
    expect(readDesktopChatConfig(gadgets({}), 'https:')).toBeNull();
    expect(
      readDesktopChatConfig(gadgets({ externalServerHostAndPort_xmppPrimary: '  ' }), 'https:'),
    ).toBeNull();
    expect(readDesktopChatConfig(undefined, 'https:')).toBeNull();
  });

  it('defaults to BOSH on /http-bind with the page scheme and the host as domain', () => {
    const config = readDesktopChatConfig(
      gadgets({ externalServerHostAndPort_xmppPrimary: 'imp1.example.com:5280' }),
      'https:',
    );
    expect(config).toEqual({
      service: { primary: 'https://imp1.example.com:5280/http-bind' },
      transport: 'bosh',
      domain: 'imp1.example.com',
    });
  });

  it('builds WebSocket URLs for both servers, secure or not as xmppSecure says', () => {
    const prefs = {
      externalServerHostAndPort_xmppPrimary: 'imp1.example.com:7443',
      externalServerHostAndPort_xmppSecondary: 'imp2.example.com:7443',
      xmppTransport: 'WebSocket',
      xmppSecure: 'false',
      xmppImDomain: 'Example.com',
    };
    expect(readDesktopChatConfig(gadgets(prefs), 'https:')).toEqual({
      service: {
        primary: 'ws://imp1.example.com:7443/xmpp-websocket',
        secondary: 'ws://imp2.example.com:7443/xmpp-websocket',
      },
      transport: 'websocket',
      domain: 'example.com',
    });
    const secure = readDesktopChatConfig(gadgets({ ...prefs, xmppSecure: 'true' }), 'http:');
    expect(secure?.service.primary).toBe('wss://imp1.example.com:7443/xmpp-websocket');
  });

  it('keeps a reverse proxy path prefix and appends the configured path', () => {
    const config = readDesktopChatConfig(
      gadgets({
        externalServerHostAndPort_xmppPrimary: 'proxy.example.com:443/imp',
        xmppPath: 'httpbinding',
        xmppImDomain: 'example.com',
      }),
      'https:',
    );
    expect(config?.service.primary).toBe('https://proxy.example.com:443/imp/httpbinding');
  });

  it('reads the preferences from the up_ URL parameters as well', () => {
    const source = {
      util: {
        getUrlParameters: () => ({
          up_externalServerHostAndPort_xmppPrimary: '127.0.0.1:5280',
          up_xmppImDomain: 'finesse.test',
        }),
      },
    };
    expect(readDesktopChatConfig(source, 'http:')).toEqual({
      service: { primary: 'http://127.0.0.1:5280/http-bind' },
      transport: 'bosh',
      domain: 'finesse.test',
    });
  });

  it.each([
    [{ externalServerHostAndPort_xmppPrimary: 'imp 1:5280' }, 'externalServerHostAndPort_xmppPrimary'],
    [{ externalServerHostAndPort_xmppPrimary: 'imp:5280', xmppTransport: 'xmpp' }, 'xmppTransport'],
    [{ externalServerHostAndPort_xmppPrimary: 'imp:5280', xmppSecure: 'yes' }, 'xmppSecure'],
    [{ externalServerHostAndPort_xmppPrimary: 'imp:5280', xmppPath: '/a/../b' }, 'xmppPath'],
    [{ externalServerHostAndPort_xmppPrimary: 'imp:5280', xmppImDomain: 'a_b' }, 'xmppImDomain'],
    [{ externalServerHostAndPort_xmppPrimary: '[::1]:5280' }, 'externalServerHostAndPort_xmppPrimary'],
    [
      {
        externalServerHostAndPort_xmppPrimary: 'imp:5280',
        externalServerHostAndPort_xmppSecondary: 'ftp://x:1',
      },
      'externalServerHostAndPort_xmppSecondary',
    ],
  ])('refuses %o, naming %s', (prefs, pref) => {
    let caught: unknown;
    try {
      readDesktopChatConfig(gadgets(prefs), 'https:');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProxyPrefError);
    expect((caught as ProxyPrefError).pref).toBe(pref);
  });
});
