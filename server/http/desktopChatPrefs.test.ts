import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createGadgetXml } from './gadgetXml.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** gadget.xml as served with this environment: the default_value of each Desktop Chat pref. */
function desktopChatDefaults(env: Record<string, string>): Record<string, string> {
  const config = loadConfig(env);
  const xml = createGadgetXml(ROOT, undefined, 'localhost:8444', config.desktopChatPrefs)('localhost:8444');
  const prefs: Record<string, string> = {};
  for (const match of xml.matchAll(/<UserPref name="([^"]+)"[^>]*default_value="([^"]*)"/g)) {
    const [, name = '', value = ''] = match;
    if (name.startsWith('externalServerHostAndPort_xmpp') || name.startsWith('xmpp')) prefs[name] = value;
  }
  return prefs;
}

describe('gadget.xml Desktop Chat prefs from XMPP_*', () => {
  it('are declared hidden and empty without XMPP_PRIMARY (Desktop Chat off), no placeholder left', () => {
    const config = loadConfig({});
    const xml = createGadgetXml(ROOT, undefined, 'localhost:8444', config.desktopChatPrefs)(undefined);
    expect(xml).not.toMatch(/%XMPP_/);
    expect(desktopChatDefaults({})).toEqual({
      externalServerHostAndPort_xmppPrimary: '',
      externalServerHostAndPort_xmppSecondary: '',
      xmppTransport: '',
      xmppPath: '',
      xmppSecure: '',
      xmppImDomain: '',
    });
    for (const name of ['externalServerHostAndPort_xmppPrimary', 'xmppImDomain']) {
      expect(xml).toMatch(new RegExp(`<UserPref name="${name}"[^>]*datatype="hidden"/>`));
    }
  });

  it('take the IM domain alone (the servers then come from Finesse’s Desktop Chat Server Settings)', () => {
    expect(desktopChatDefaults({ XMPP_DOMAIN: 'im.example.com' })).toMatchObject({
      externalServerHostAndPort_xmppPrimary: '',
      xmppImDomain: 'im.example.com',
    });
  });

  it('are filled from the environment, host:port normalised', () => {
    expect(
      desktopChatDefaults({
        XMPP_PRIMARY: 'IMP1.Example.com:5280',
        XMPP_SECONDARY: 'imp2.example.com:5280',
        XMPP_TRANSPORT: 'websocket',
        XMPP_PATH: '/ws',
        XMPP_SECURE: 'true',
        XMPP_DOMAIN: 'Example.com',
      }),
    ).toEqual({
      externalServerHostAndPort_xmppPrimary: 'imp1.example.com:5280',
      externalServerHostAndPort_xmppSecondary: 'imp2.example.com:5280',
      xmppTransport: 'websocket',
      xmppPath: '/ws',
      xmppSecure: 'true',
      xmppImDomain: 'example.com',
    });
  });

  it.each([
    [{ XMPP_PRIMARY: 'imp.example.com' }, 'XMPP_PRIMARY: host:port of the IM server (missing port'],
    [{ XMPP_PRIMARY: 'imp"><x:5280' }, 'XMPP_PRIMARY: host:port of the IM server'],
    [{ XMPP_PRIMARY: 'a:5280', XMPP_TRANSPORT: 'tcp' }, 'XMPP_TRANSPORT'],
    [{ XMPP_PRIMARY: 'a:5280', XMPP_PATH: 'http-bind' }, 'XMPP_PATH: an absolute path'],
    [{ XMPP_PRIMARY: 'a:5280', XMPP_SECURE: 'yes' }, 'XMPP_SECURE'],
    [{ XMPP_PRIMARY: 'a:5280', XMPP_DOMAIN: 'bad domain' }, 'XMPP_DOMAIN: a domain name'],
    [{ XMPP_SECONDARY: 'b:5280' }, 'XMPP_SECONDARY: Desktop Chat needs XMPP_PRIMARY'],
    [{ XMPP_PRIMARY: 'a:5280', XMPP_SECONDARY: 'A:5280' }, 'XMPP_SECONDARY: the same server as XMPP_PRIMARY'],
  ])('refuses %o at start with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow('[hybrid-chat] invalid configuration: ');
    expect(() => loadConfig(env)).toThrow(message);
  });
});
