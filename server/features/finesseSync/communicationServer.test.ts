import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { Emitter } from '../../../sdk/core/emitter.ts';
import type { FinesseUpdate } from '../../../sdk/core/finesseUpdate.ts';
import { parseUser } from '../../../sdk/core/finesseXml.ts';
import type { VoiceReport } from '../../../sdk/core/protocol.ts';
import { basic } from '../../testing/testServer.ts';
import { createCommunicationServer, type NotificationSource } from './communicationServer.ts';

const BASE = 'http://finesse.test:8445';
const xml = (body: string) => new HttpResponse(body, { headers: { 'Content-Type': 'application/xml' } });
const userXml = (state: string, reason = '-1') =>
  `<User><loginId>1001</loginId><firstName>A</firstName><lastName>B</lastName><state>${state}</state><reasonCodeId>${reason}</reasonCodeId></User>`;

const puts: string[] = [];
const finesse = setupServer(
  http.get(`${BASE}/finesse/api/User/1001`, () => xml(userXml('READY'))),
  http.get(`${BASE}/finesse/api/User/1001/Dialogs`, () => xml('<Dialogs/>')),
  http.get(`${BASE}/finesse/api/User/1001/ReasonCodes`, () =>
    xml(
      '<ReasonCodes><ReasonCode><category>NOT_READY</category><code>32760</code><label>Break</label><id>1</id></ReasonCode>' +
        '<ReasonCode><category>NOT_READY</category><code>32761</code><label>Handling Chat</label><id>16</id></ReasonCode></ReasonCodes>',
    ),
  ),
  http.put(`${BASE}/finesse/api/User/1001`, async ({ request }) => {
    puts.push(await request.text());
    return new HttpResponse(null, { status: 202 });
  }),
);
beforeAll(() => finesse.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  puts.length = 0;
});
afterAll(() => finesse.close());

function fakeNotifications() {
  const emitter = new Emitter<{ update: FinesseUpdate }>();
  const source: NotificationSource & { push(update: FinesseUpdate): void } = {
    on: (event, listener) => emitter.on(event, listener),
    start: vi.fn(),
    stop: vi.fn(),
    push: (update) => emitter.emit('update', update),
  };
  return source;
}

function setup() {
  const reports: VoiceReport[] = [];
  const notifications = fakeNotifications();
  const subscribe = vi.fn(() => notifications);
  const server = createCommunicationServer({
    finesseUrl: () => BASE,
    timeoutMs: 2000,
    subscribe,
    reportVoice: (_agentId, voice) => reports.push(voice),
    resyncMs: 0,
    log: { info: () => {}, warn: () => {} },
  });
  return { server, reports, notifications, subscribe };
}

describe('communication server (server sync mode)', () => {
  it('loads the voice state over REST and subscribes with the agent’s XMPP credentials', async () => {
    const { server, reports, subscribe, notifications } = setup();
    server.track('1001', basic('1001', 'pass1001'));
    expect(subscribe).toHaveBeenCalledWith({ id: '1001', password: 'pass1001' });
    expect(notifications.start).toHaveBeenCalled();
    await vi.waitFor(() => expect(reports.at(-1)).toMatchObject({ state: 'READY', callType: null }));
  });

  it('turns XMPP updates into voice reports with the call type', async () => {
    const { server, reports, notifications } = setup();
    server.track('1001', basic('1001', 'pass1001'));
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    notifications.push({
      kind: 'user',
      event: 'PUT',
      source: '/finesse/api/User/1001',
      user: parseUser(userXml('TALKING')),
    } as FinesseUpdate);
    notifications.push({
      kind: 'dialogs',
      event: 'POST',
      requestId: null,
      source: '/finesse/api/User/1001/Dialogs',
      dialogs: [
        {
          id: 'd1',
          mediaType: 'Voice',
          fromAddress: '3002',
          toAddress: '3001',
          state: 'ACTIVE',
          callType: 'transfer',
          rawCallType: 'TRANSFER',
          participants: [],
          callVariables: {},
        },
      ],
    } as FinesseUpdate);
    expect(reports.at(-1)).toMatchObject({ state: 'TALKING', callType: 'transfer' });
  });

  it('applies "Handling Chat" by its reason code id and restores READY', async () => {
    const { server } = setup();
    server.track('1001', basic('1001', 'pass1001'));
    await server.apply('1001', { type: 'setNotReady', reasonLabel: 'Handling Chat' });
    await server.apply('1001', { type: 'restore', state: 'READY' });
    expect(puts[0]).toMatch(/<state>NOT_READY<\/state>.*<reasonCodeId>16<\/reasonCodeId>/s);
    expect(puts[1]).toMatch(/<state>READY<\/state>/);
  });

  it('refuses a blending reason Finesse does not have', async () => {
    const { server } = setup();
    server.track('1001', basic('1001', 'pass1001'));
    await expect(server.apply('1001', { type: 'setNotReady', reasonLabel: 'Lunch' })).rejects.toThrow(
      /no NOT_READY reason/,
    );
  });

  it('reports the reason label from the reason codes, repeats nothing, and reports again after a sign-in', async () => {
    const { server, reports, notifications } = setup();
    server.track('1001', basic('1001', 'pass1001'));
    await vi.waitFor(() => expect(reports).toHaveLength(1));
    // Signed in again with the same state: the router may have lost it, so it hears it again.
    server.track('1001', basic('1001', 'pass1001'));
    await vi.waitFor(() => expect(reports).toHaveLength(2));
    expect(reports[1]).toEqual(reports[0]);
    const notReady = { kind: 'user', event: 'PUT', source: '/finesse/api/User/1001' } as const;
    notifications.push({ ...notReady, user: parseUser(userXml('NOT_READY', '1')) } as FinesseUpdate);
    expect(reports.at(-1)).toEqual({
      state: 'NOT_READY',
      reasonCodeId: '1',
      reasonLabel: 'Break',
      callType: null,
    });
    // The same state again over XMPP: nothing new for the router.
    notifications.push({ ...notReady, user: parseUser(userXml('NOT_READY', '1')) } as FinesseUpdate);
    expect(reports).toHaveLength(3);
  });

  it('restores a NOT_READY state by its reason code id', async () => {
    const { server } = setup();
    server.track('1001', basic('1001', 'pass1001'));
    await server.apply('1001', { type: 'restore', state: 'NOT_READY', reasonCodeId: '1' });
    expect(puts[0]).toMatch(/<state>NOT_READY<\/state>.*<reasonCodeId>1<\/reasonCodeId>/s);
  });
});
