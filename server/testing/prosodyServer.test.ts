/**
 * The throwaway Prosody itself: its HTTP endpoints (BOSH XEP-0206, WebSocket RFC 7395) answer, the
 * modules the desktop chat relies on are announced, and stop() ends the process by its PID.
 */
import { execFileSync } from 'node:child_process';
import { client, xml } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from './prosodyServer.ts';

let prosody: ProsodyServer;

beforeAll(async () => {
  prosody = await startProsody({ domain: 'chat.test', users: [{ username: 'alice', password: 'pw-a' }] });
}, 30_000);
afterAll(() => prosody?.stop());

/** A BOSH session creation request (XEP-0124 section 7, XEP-0206 section 4). */
async function boshSession(): Promise<string> {
  const response = await fetch(prosody.boshUrl, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body:
      `<body xmlns='http://jabber.org/protocol/httpbind' xmlns:xmpp='urn:xmpp:xbosh' rid='1000' ` +
      `to='chat.test' wait='5' hold='1' ver='1.6' xmpp:version='1.0'/>`,
  });
  expect(response.status).toBe(200);
  return response.text();
}

describe('startProsody', () => {
  it('answers BOSH session requests with a sid and SASL PLAIN among the mechanisms', async () => {
    const text = await boshSession();
    expect(text).toMatch(/sid=['"][^'"]+['"]/);
    expect(text).toContain('<mechanism>PLAIN</mechanism>');
  });

  it('accepts XMPP over WebSocket and opens a stream for the domain', async () => {
    const socket = new WebSocket(prosody.websocketUrl, ['xmpp']);
    const first = await new Promise<string>((resolve, reject) => {
      socket.onerror = () => reject(new Error('websocket error'));
      socket.onopen = () =>
        socket.send(`<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='chat.test' version='1.0'/>`);
      socket.onmessage = (event) => resolve(String(event.data));
    });
    socket.close();
    expect(first).toContain("from='chat.test'");
  });

  it('hands out XEP-0363 upload slots on its HTTP port, and serves what was put there', async () => {
    const xmpp = client({
      service: prosody.websocketUrl,
      domain: 'chat.test',
      username: 'alice',
      password: 'pw-a',
    });
    xmpp.reconnect.stop();
    await xmpp.start();
    try {
      const result = await xmpp.iqCaller.request(
        xml(
          'iq',
          { type: 'get', to: prosody.uploadDomain },
          xml('request', {
            xmlns: 'urn:xmpp:http:upload:0',
            filename: 'note.txt',
            size: '5',
            'content-type': 'text/plain',
          }),
        ),
      );
      const slot = result.getChild('slot', 'urn:xmpp:http:upload:0');
      const put = slot?.getChild('put')?.attrs['url'] ?? '';
      const get = slot?.getChild('get')?.attrs['url'] ?? '';
      expect(put.startsWith(`http://127.0.0.1:${prosody.httpPort}/`)).toBe(true);
      // XEP-0363 section 5: the <header/>s of the slot go with the PUT (Prosody's bearer token).
      const headers = Object.fromEntries(
        (slot?.getChild('put')?.getChildren('header') ?? []).map((h) => [h.attrs['name'] ?? '', h.text()]),
      );
      const upload = await fetch(put, {
        method: 'PUT',
        headers: { ...headers, 'content-type': 'text/plain' },
        body: 'hello',
      });
      expect(upload.status).toBe(201);
      expect(await (await fetch(get)).text()).toBe('hello');
    } finally {
      await xmpp.stop();
    }
  });

  it('runs unprivileged and stops by its PID', async () => {
    const other = await startProsody({ domain: 'other.test' });
    const pid = other.pid;
    expect(pid).toBeTypeOf('number');
    const user = execFileSync('ps', ['-o', 'user=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    expect(user).not.toBe('root');
    await other.stop();
    expect(() => process.kill(pid!, 0)).toThrow();
  }, 30_000);
});
