/**
 * Messages reach the listeners once, however many ways they came (inbound.ts): live, then again
 * from the archive (XEP-0313); sent by this client, then from the archive; and the archive's own
 * copies of what another client of ours sent.
 */
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { Emitter } from '../core/emitter.ts';
import { emptyRoster } from './roster.ts';
import { createInbound } from './inbound.ts';
import type { ChatMessage, DesktopChatEvents } from './types.ts';

function setUp() {
  const emitter = new Emitter<DesktopChatEvents>();
  const messages: ChatMessage[] = [];
  emitter.on('message', (m) => messages.push(m));
  const inbound = createInbound({
    model: { roster: emptyRoster, presences: new Map() },
    emitter,
    ownBare: () => 'ann@x',
    sendReceipt: () => {},
  });
  return { inbound, messages };
}

const fromBob = (id: string, body = 'hello') =>
  xml('message', { from: 'bob@x/pc', to: 'ann@x/desk', type: 'chat', id }, xml('body', {}, body));
const fromAnn = (id: string, body: string, resource = 'phone') =>
  xml('message', { from: `ann@x/${resource}`, to: 'bob@x', type: 'chat', id }, xml('body', {}, body));

describe('inbound messages', () => {
  it('shows a message once when the archive brings it again', () => {
    const { inbound, messages } = setUp();
    inbound.stanza(fromBob('m1'));
    inbound.archived(fromBob('m1'), 1_000);
    inbound.archived(fromBob('m2', 'while away'), 2_000);
    expect(messages.map((m) => [m.id, m.body, m.delayed])).toEqual([
      ['m1', 'hello', false],
      ['m2', 'while away', true],
    ]);
    expect(messages[1]).toMatchObject({ peer: 'bob@x', direction: 'in', at: 2_000, carbon: false });
  });

  it('drops the archive copy of what this client sent, keeps what another client of ours sent', () => {
    const { inbound, messages } = setUp();
    inbound.sent({
      id: 'o1',
      peer: 'bob@x',
      direction: 'out',
      body: 'from here',
      at: 1,
      delayed: false,
      carbon: false,
    });
    inbound.archived(fromAnn('o1', 'from here', 'desk'), 1_000);
    inbound.archived(fromAnn('o2', 'from my phone'), 2_000);
    expect(messages.map((m) => m.body)).toEqual(['from here', 'from my phone']);
    expect(messages[1]).toMatchObject({ peer: 'bob@x', direction: 'out', carbon: true, delayed: true });
  });

  it('takes from the archive only messages with a body', () => {
    const { inbound, messages } = setUp();
    inbound.archived(xml('message', { from: 'bob@x/pc', type: 'chat', id: 's1' }), 1_000);
    expect(messages).toEqual([]);
  });

  it('tells apart the same id from two colleagues', () => {
    const { inbound, messages } = setUp();
    inbound.stanza(fromBob('same'));
    inbound.stanza(xml('message', { from: 'cat@x/pc', type: 'chat', id: 'same' }, xml('body', {}, 'hi')));
    expect(messages.map((m) => m.peer)).toEqual(['bob@x', 'cat@x']);
  });
});
