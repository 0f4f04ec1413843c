import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { basic, testSimulator, xmlField, xmlHeaders } from './testSupport.ts';

let sim: Simulator;
afterEach(async () => sim?.close());

interface SseEvent {
  event: string;
  data: string;
}

/** Opens the SSE stream through inject (no network) and reads events from it. */
async function openStream(id: string, as = id) {
  const res = await sim.app.inject({
    method: 'GET',
    url: `/sim/notifications/User/${id}`,
    headers: { authorization: basic(as) },
    payloadAsStream: true,
  });
  const stream = res.stream() as Readable;
  const events: SseEvent[] = [];
  let buffer = '';
  const waiters: Array<() => void> = [];
  stream.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
      if (event) events.push({ event, data });
      waiters.splice(0).forEach((wake) => wake());
    }
  });
  const next = async (name: string): Promise<SseEvent> => {
    for (;;) {
      const index = events.findIndex((e) => e.event === name);
      if (index >= 0) return events.splice(index, 1)[0] as SseEvent;
      await new Promise<void>((resolve, reject) => {
        waiters.push(resolve);
        setTimeout(() => reject(new Error(`no ${name} event`)), 2000);
      });
    }
  };
  return { res, events, next };
}

describe('notifications (/sim/notifications/User/{id})', () => {
  it('pushes an <Update> for the user after a PUT, with the requestId echoed', async () => {
    sim = testSimulator();
    const stream = await openStream('1001');
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers['content-type']).toMatch(/^text\/event-stream/);
    await stream.next('connected');

    const put = await sim.app.inject({
      method: 'PUT',
      url: '/finesse/api/User/1001',
      headers: { ...xmlHeaders('1001'), requestId: 'req-42' },
      payload: '<User><state>LOGIN</state><extension>3001</extension></User>',
    });
    expect(put.statusCode).toBe(202);

    const { node, payload } = JSON.parse((await stream.next('notification')).data) as {
      node: string;
      payload: string;
    };
    expect(node).toBe('/finesse/api/User/1001');
    expect(payload).toMatch(
      /^<Update><data><user>.*<\/user><\/data><event>PUT<\/event><requestId>req-42<\/requestId><source>\/finesse\/api\/User\/1001<\/source><\/Update>$/,
    );
    expect(xmlField(payload, 'state')).toBe('NOT_READY');
    expect(xmlField(payload, 'extension')).toBe('3001');
  });

  it("pushes a change forced through the test API, and never another user's", async () => {
    sim = testSimulator();
    const mine = await openStream('1001');
    const theirs = await openStream('1002');
    await mine.next('connected');
    await theirs.next('connected');
    const forced = await sim.app.inject({
      method: 'POST',
      url: '/sim/api/users/1001/state',
      payload: { state: 'READY' },
    });
    expect(forced.statusCode).toBe(200);
    const { payload } = JSON.parse((await mine.next('notification')).data) as { payload: string };
    expect(xmlField(payload, 'state')).toBe('READY');
    expect(xmlField(payload, 'requestId')).toBe('');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(theirs.events.filter((e) => e.event === 'notification')).toEqual([]);
  });

  it("refuses another user's stream and bad credentials", async () => {
    sim = testSimulator();
    const other = await sim.app.inject({
      method: 'GET',
      url: '/sim/notifications/User/1002',
      headers: { authorization: basic('1001') },
    });
    expect(other.statusCode).toBe(401);
    expect(xmlField(other.body, 'ErrorType')).toBe('Invalid Authorization User Specified');
    const wrong = await sim.app.inject({
      method: 'GET',
      url: '/sim/notifications/User/1001',
      headers: { authorization: basic('1001', 'x') },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('drops the subscription when the simulator closes', async () => {
    sim = testSimulator();
    const stream = await openStream('1001');
    await stream.next('connected');
    expect(sim.hub.subscriberCount('/finesse/api/User/1001')).toBe(1);
    await sim.close();
    expect(sim.hub.subscriberCount('/finesse/api/User/1001')).toBe(0);
  });
});
