/**
 * BoshSession against a fake HTTP layer: each request is held until the test answers it, so the
 * order of answers, failures and timeouts is the test's to choose (XEP-0124 sections 7-14).
 */
import type { XmppElement } from '@xmpp/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BoshSession } from './boshSession.ts';
import type { BoshError, BoshHttpResponse, BoshSessionOptions } from './boshTypes.ts';
import { parseBody } from './boshXml.ts';

interface Sent {
  readonly body: string;
  readonly attrs: Readonly<Record<string, string | undefined>>;
  readonly children: readonly string[];
  readonly signal: AbortSignal;
  answer(body: string, status?: number): void;
  fail(error?: Error): void;
}

const NS = "xmlns='http://jabber.org/protocol/httpbind'";
const CREATED = `<body ${NS} sid='s1' wait='20' requests='2' hold='1' inactivity='30' from='chat.test'/>`;

function setup(options: Partial<BoshSessionOptions> = {}) {
  const sent: Sent[] = [];
  const http = (_url: string, body: string, signal: AbortSignal) =>
    new Promise<BoshHttpResponse>((resolve, reject) => {
      const parsed = parseBody(body);
      signal.addEventListener('abort', () => reject(new Error('aborted')));
      sent.push({
        body,
        attrs: parsed.attrs,
        children: parsed.children.map((child) => child.toString()),
        signal,
        answer: (text, status = 200) => resolve({ status, body: text }),
        fail: (error = new Error('ECONNRESET')) => reject(error),
      });
    });
  const streams: Array<Readonly<Record<string, string | undefined>>> = [];
  const payload: string[] = [];
  const ended: Array<BoshError | null> = [];
  const session = new BoshSession(
    { url: 'http://im.test/http-bind', http, firstRid: 100, retryDelayMs: 1000, ...options },
    {
      onStreamStart: (attrs) => {
        streams.push(attrs);
        payload.push('<stream>');
      },
      onPayload: (children: readonly XmppElement[]) => payload.push(...children.map((c) => c.toString())),
      onTerminated: (error) => ended.push(error),
    },
  );
  return { session, sent, streams, payload, ended };
}

const flush = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('BoshSession', () => {
  it('creates the session, adopts its sid and keeps one empty request waiting at the server', async () => {
    const { session, sent, streams } = setup({ wait: 25, hold: 1 });
    session.start('chat.test', 'de');
    expect(sent[0]!.attrs).toMatchObject({
      rid: '100',
      to: 'chat.test',
      wait: '25',
      hold: '1',
      'xml:lang': 'de',
    });
    expect(sent[0]!.attrs['xmpp:version']).toBe('1.0');
    sent[0]!.answer(CREATED);
    await flush();
    expect(session.sid).toBe('s1');
    expect(streams[0]).toMatchObject({ sid: 's1', from: 'chat.test' });
    expect(sent[1]!.attrs).toMatchObject({ rid: '101', sid: 's1' });
    expect(sent[1]!.children).toEqual([]);
  });

  it('puts stanzas written together into one request, and never has more than `requests` open', async () => {
    const { session, sent } = setup();
    session.start('chat.test');
    sent[0]!.answer(CREATED);
    await flush();
    session.send('<message id="1"/>');
    session.send('<message id="2"/>');
    await flush();
    expect(sent).toHaveLength(3);
    expect(sent[2]!.children).toEqual(['<message id="1"/>', '<message id="2"/>']);
    session.send('<message id="3"/>');
    await flush();
    expect(session.pending).toBe(2);
    expect(sent).toHaveLength(3);
    sent[2]!.answer(`<body ${NS}/>`);
    await flush();
    expect(sent[3]!.attrs['rid']).toBe('103');
    expect(sent[3]!.children).toEqual(['<message id="3"/>']);
  });

  it('hands responses on in rid order, whatever order they arrive in', async () => {
    const { session, sent, payload } = setup();
    session.start('chat.test');
    sent[0]!.answer(CREATED);
    await flush();
    session.send('<iq id="a"/>');
    await flush();
    sent[2]!.answer(`<body ${NS}><message id="second"/></body>`);
    await flush();
    expect(payload).toEqual(['<stream>']);
    sent[1]!.answer(`<body ${NS}><message id="first"/></body>`);
    await flush();
    expect(payload).toEqual(['<stream>', '<message id="first"/>', '<message id="second"/>']);
  });

  it('repeats a lost request with the same rid and body, backing off, then gives up', async () => {
    const { session, sent, ended } = setup({ maxRetries: 2 });
    session.start('chat.test');
    sent[0]!.answer(CREATED);
    await flush();
    sent[1]!.fail();
    await flush();
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent[2]!.body).toBe(sent[1]!.body);
    sent[2]!.answer('gateway error', 502);
    await vi.advanceTimersByTimeAsync(1999);
    expect(sent).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent[3]!.body).toBe(sent[1]!.body);
    sent[3]!.fail();
    await flush();
    expect(ended[0]?.code).toBe('DISCONNECTED');
    expect(ended[0]?.condition).toBe('undefined-condition');
  });

  it('counts a request unanswered for wait + margin as lost', async () => {
    const { session, sent } = setup({ requestMarginMs: 5000 });
    session.start('chat.test');
    sent[0]!.answer(CREATED);
    await flush();
    await vi.advanceTimersByTimeAsync(20_000 + 4999);
    expect(sent[1]!.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent[1]!.signal.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent[2]!.attrs['rid']).toBe('101');
  });

  it('ends at once on HTTP 404 (unknown session) and on a server terminate', async () => {
    const a = setup();
    a.session.start('chat.test');
    a.sent[0]!.answer(CREATED);
    await flush();
    a.sent[1]!.answer('', 404);
    await flush();
    expect(a.ended.map((e) => e?.condition)).toEqual(['item-not-found']);
    const b = setup();
    b.session.start('chat.test');
    b.sent[0]!.answer(CREATED);
    await flush();
    b.sent[1]!.answer(`<body ${NS} type='terminate' condition='system-shutdown'/>`);
    await flush();
    expect(b.ended.map((e) => e?.condition)).toEqual(['system-shutdown']);
  });

  it('reports an unreachable server at once, without repeating the session request', async () => {
    const { session, sent, ended } = setup();
    session.start('chat.test');
    sent[0]!.fail(new Error('ECONNREFUSED'));
    await flush();
    expect(ended.map((e) => e?.condition)).toEqual(['remote-connection-failed']);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(sent).toHaveLength(1);
  });

  it('polls no faster than `polling` when the server holds no request, and within `inactivity`', async () => {
    const { session, sent } = setup();
    session.start('chat.test');
    sent[0]!.answer(`<body ${NS} sid='p' hold='0' requests='1' polling='4' inactivity='30'/>`);
    await flush();
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3999);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent[1]!.attrs).toMatchObject({ sid: 'p', rid: '101' });
    // Data does not wait for the polling interval.
    sent[1]!.answer(`<body ${NS}/>`);
    await flush();
    session.send('<presence/>');
    await flush();
    expect(sent[2]!.children).toEqual(['<presence/>']);
  });

  it('restarts the stream without payload, and the features that follow open the new stream', async () => {
    const { session, sent, payload } = setup();
    session.start('chat.test', 'en');
    sent[0]!.answer(CREATED);
    await flush();
    session.restart('chat.test', 'en');
    await flush();
    expect(sent[2]!.attrs).toMatchObject({ 'xmpp:restart': 'true', to: 'chat.test', 'xml:lang': 'en' });
    expect(sent[2]!.children).toEqual([]);
    // Prosody sends the new features through the request that was already waiting.
    sent[1]!.answer(`<body ${NS}><features/></body>`);
    sent[2]!.answer(`<body ${NS}/>`);
    await flush();
    expect(payload).toEqual(['<stream>', '<stream>', '<features/>']);
  });

  it('terminates with what is still queued and reports a clean end', async () => {
    const { session, sent, ended } = setup();
    session.start('chat.test');
    sent[0]!.answer(CREATED);
    await flush();
    session.send('<presence type="unavailable"/>');
    session.terminate();
    await flush();
    const terminate = sent.find((request) => request.attrs['type'] === 'terminate')!;
    expect(terminate.children).toEqual(['<presence type="unavailable"/>']);
    sent[1]!.answer(`<body ${NS} type='terminate'/>`);
    await flush();
    expect(ended).toEqual([null]);
    expect(sent[1]!.signal.aborted || terminate.signal.aborted).toBe(true);
  });
});
