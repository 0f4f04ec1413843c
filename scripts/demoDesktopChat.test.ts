import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client, xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { demoDesktopChat } from './demoDesktopChat.ts';

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

describe('Desktop Chat in npm start', () => {
  it('says in one line how to get it when Prosody is not installed, and starts nothing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-prosody-'));
    try {
      const chat = await demoDesktopChat({ env: {}, binDir: empty });
      expect(chat.env).toEqual({});
      expect(chat.message).toContain('apt-get install prosody');
      expect(chat.message.split('\n')).toHaveLength(1);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('uses the IM server XMPP_PRIMARY names instead of starting one', async () => {
    const chat = await demoDesktopChat({ env: { XMPP_PRIMARY: 'imp.example.com:5280' } });
    expect(chat.env).toEqual({});
    expect(chat.message).toContain('imp.example.com:5280');
  });

  it('starts Prosody with the demo agents and their team rosters, and stops it', async () => {
    const chat = await demoDesktopChat({ env: {}, domain: 'demo.test' });
    const port = Number(chat.env['XMPP_PRIMARY']?.split(':')[1]);
    try {
      expect(chat.env).toEqual({ XMPP_PRIMARY: `127.0.0.1:${port}`, XMPP_DOMAIN: 'demo.test' });
      expect(chat.message).toContain('1001 / pass1001');
      // A demo agent signs in (WebSocket here; BOSH answers on the same port, below).
      const xmpp = client({
        service: `ws://127.0.0.1:${port}/xmpp-websocket`,
        domain: 'demo.test',
        username: '1001',
        password: 'pass1001',
      });
      xmpp.reconnect.stop();
      await xmpp.start();
      const roster = await xmpp.iqCaller.request(
        xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })),
      );
      await xmpp.stop();
      const jids = roster
        .getChild('query', 'jabber:iq:roster')
        ?.getChildren('item')
        .map((item) => item.attrs['jid']);
      expect(jids).toEqual(expect.arrayContaining(['1002@demo.test', '1005@demo.test']));
      const bosh = await fetch(`http://127.0.0.1:${port}/http-bind`, { method: 'OPTIONS' });
      expect(bosh.status).toBe(200);
    } finally {
      await chat.stop();
    }
    expect(await accepts(port)).toBe(false);
  }, 30_000);
});
