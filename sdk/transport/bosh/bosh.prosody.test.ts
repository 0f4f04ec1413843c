/**
 * The BOSH transport against Prosody's mod_bosh (server/testing/prosodyServer.ts): xmpp.js signs in
 * over BOSH (SASL, stream restart, resource binding), an iq round trip and a message between two
 * BOSH sessions, and a clean terminate.
 */
import { client, xml, type XmppClient, type XmppElement } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../../server/testing/prosodyServer.ts';
import { addBoshTransport } from './boshTransport.ts';

let prosody: ProsodyServer;
const started: XmppClient[] = [];

beforeAll(async () => {
  prosody = await startProsody({
    domain: 'bosh.test',
    users: [
      { username: 'ann', password: 'pw-ann' },
      { username: 'bob', password: 'pw-bob' },
    ],
  });
}, 30_000);
afterAll(async () => {
  await Promise.all(started.map((xmpp) => xmpp.stop().catch(() => undefined)));
  await prosody?.stop();
});

function boshClient(username: string, password: string): XmppClient {
  const xmpp = client({
    service: prosody.boshUrl,
    domain: prosody.domain,
    username,
    password,
    timeout: 10_000,
  });
  addBoshTransport(xmpp, { wait: 10 });
  xmpp.reconnect.stop();
  xmpp.on('error', () => undefined);
  started.push(xmpp);
  return xmpp;
}

describe('BOSH transport against Prosody', () => {
  it('signs in, answers an iq and ends the session cleanly', async () => {
    const xmpp = boshClient('ann', 'pw-ann');
    const jid = await xmpp.start();
    expect(jid.toString()).toMatch(/^ann@bosh\.test\/.+/);
    const result = await xmpp.iqCaller.request(
      xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })),
    );
    expect(result.getChild('query', 'jabber:iq:roster')).toBeDefined();
    await xmpp.stop();
    expect(xmpp.status).toBe('offline');
  });

  it('carries a message from one BOSH session to another, also while the receiver long-polls', async () => {
    const ann = boshClient('ann', 'pw-ann');
    const bob = boshClient('bob', 'pw-bob');
    await Promise.all([ann.start(), bob.start()]);
    // Messages to a bare JID go to available resources only (RFC 6121 section 8.5.2).
    await bob.send(xml('presence'));
    const received = new Promise<XmppElement>((resolve) =>
      bob.on('stanza', (stanza) => {
        if (stanza.is('message') && stanza.getChild('body')) resolve(stanza);
      }),
    );
    // Let bob's empty request wait at the server, so that the message is pushed through it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await ann.send(xml('message', { to: 'bob@bosh.test', type: 'chat' }, xml('body', {}, 'hello over BOSH')));
    const message = await received;
    expect(message.getChild('body')?.text()).toBe('hello over BOSH');
    expect(message.attrs['from']).toMatch(/^ann@bosh\.test\//);
  });

  it('refuses a wrong password', async () => {
    const xmpp = boshClient('ann', 'wrong');
    await expect(xmpp.start()).rejects.toThrow(/not-authorized/);
  });
});
