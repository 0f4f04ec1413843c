/**
 * BoshSocket as xmpp.js drives it: RFC 7395 `<open/>`/`<close/>` written by the connection become
 * session creation, restart and terminate requests; answers come out as one XML stream.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adoptLimits, emptyRequestDelayMs, requestedLimits } from './boshLimits.ts';
import { BoshSocket } from './boshSocket.ts';
import type { BoshHttpResponse } from './boshTypes.ts';
import { NS_FRAMING } from './boshXml.ts';

const NS = "xmlns='http://jabber.org/protocol/httpbind'";
// Long enough for the empty request that follows each answer (a timer of 0 ms); fake timers, so
// that a loaded machine cannot reorder it.
const tick = () => vi.advanceTimersByTimeAsync(5);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function setup(url = 'http://127.0.0.1:5280/http-bind') {
  const requests: Array<{ body: string; answer: (text: string, status?: number) => void }> = [];
  const socket = new BoshSocket({
    firstRid: 10,
    http: (_url, body) =>
      new Promise<BoshHttpResponse>((resolve) =>
        requests.push({ body, answer: (text, status = 200) => resolve({ status, body: text }) }),
      ),
  });
  const events: string[] = [];
  socket.on('connect', () => events.push('connect'));
  socket.on('data', (data: string) => events.push(`data ${data}`));
  socket.on('error', (error: { condition?: string }) => events.push(`error ${error.condition}`));
  socket.on('close', (dirty: boolean) => events.push(`close ${dirty ? 'dirty' : 'clean'}`));
  socket.connect(url);
  return { socket, requests, events };
}

const open = `<open xmlns="${NS_FRAMING}" version="1.0" to="im.test" xml:lang="en"/>`;

describe('BoshSocket', () => {
  it('is secure over https and on loopback only', () => {
    expect(setup().socket.secure).toBe(true);
    expect(setup('https://im.example.com/http-bind').socket.secure).toBe(true);
    expect(setup('http://im.example.com/http-bind').socket.secure).toBe(false);
  });

  it('opens the session on <open/>, hands the answer on as a stream, carries stanzas, closes on <close/>', async () => {
    const { socket, requests, events } = setup();
    await tick();
    expect(events).toEqual(['connect']);
    socket.write(open);
    await tick();
    expect(requests[0]!.body).toContain('to="im.test"');
    expect(requests[0]!.body).toContain('xml:lang="en"');
    requests[0]!.answer(
      `<body ${NS} sid='s' from='im.test' xmlns:stream='http://etherx.jabber.org/streams'><stream:features/></body>`,
    );
    await tick();
    expect(events.slice(1)).toEqual([
      'data <stream:stream xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams" version="1.0" from="im.test" id="s">',
      'data <stream:features/>',
    ]);
    socket.write('<message to="bob@im.test"/>');
    await tick();
    const message = requests.find((r) => r.body.includes('<message'))!;
    expect(message.body).toContain('rid="12"');
    socket.write(`<close xmlns="${NS_FRAMING}"/>`);
    await tick();
    // Both requests the session allows are open: the terminate waits for one of them to return.
    expect(requests.some((r) => r.body.includes('type="terminate"'))).toBe(false);
    message.answer(`<body ${NS}/>`);
    await tick();
    const terminate = requests.find((r) => r.body.includes('type="terminate"'))!;
    terminate.answer(`<body ${NS} type='terminate'/>`);
    await tick();
    expect(events.at(-1)).toBe('data </stream:stream>');
    socket.end();
    await tick();
    expect(events.at(-1)).toBe('close clean');
  });

  it('sends a second <open/> as a stream restart', async () => {
    const { socket, requests } = setup();
    socket.write(open);
    await tick();
    requests[0]!.answer(`<body ${NS} sid='s'/>`);
    await tick();
    socket.write(open);
    await tick();
    expect(requests.at(-1)!.body).toContain('xmpp:restart="true"');
  });

  it('reports a session the server ended as an error and a dirty close, and refuses writes after', async () => {
    const { socket, requests, events } = setup();
    socket.write(open);
    await tick();
    requests[0]!.answer(`<body ${NS} sid='s'/>`);
    await tick();
    requests[1]!.answer(`<body ${NS} type='terminate' condition='system-shutdown'/>`);
    await tick();
    expect(events.slice(-2)).toEqual(['error system-shutdown', 'close dirty']);
    const failure = await new Promise((resolve) => socket.write('<presence/>', resolve));
    expect(failure).toBeInstanceOf(Error);
  });
});

describe('BOSH limits', () => {
  it('takes requests from the server, else hold + 1, and polls only when the server holds nothing', () => {
    const requested = requestedLimits(30, 1);
    const long = adoptLimits(requested, 1, { wait: '20', inactivity: '60' });
    expect(long).toEqual({ requests: 2, waitS: 20, pollingS: null, inactivityS: 60 });
    expect(emptyRequestDelayMs(long)).toBe(0);
    const polling = adoptLimits(requested, 1, { hold: '0', requests: '1', polling: '10', inactivity: '8' });
    expect(polling.requests).toBe(1);
    expect(emptyRequestDelayMs(polling)).toBe(6_000);
    expect(emptyRequestDelayMs(adoptLimits(requested, 1, { hold: '0', polling: '3' }))).toBe(3_000);
  });
});
