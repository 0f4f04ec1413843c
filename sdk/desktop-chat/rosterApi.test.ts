import { xml, type XmppElement } from '@xmpp/client';
import { describe, expect, it, vi } from 'vitest';
import { Emitter } from '../core/emitter.ts';
import type { ChatModel } from './inbound.ts';
import { rosterFrom } from './roster.ts';
import { createRosterApi } from './rosterApi.ts';
import { NS_ROSTER } from './stanzas.ts';
import type { DesktopChatEvents } from './types.ts';

const bob = { jid: 'bob@x', groups: ['Sales'], subscription: 'both' as const, pendingOut: false };

function api(model: ChatModel, answer: (stanza: XmppElement) => XmppElement | Error) {
  const sent: XmppElement[] = [];
  const request = vi.fn(async (stanza: XmppElement) => {
    sent.push(stanza);
    const result = answer(stanza);
    if (result instanceof Error) throw result;
    return result;
  });
  return {
    roster: createRosterApi({ model, emitter: new Emitter<DesktopChatEvents>(), request, send: vi.fn() }),
    sent,
  };
}

describe('roster api', () => {
  it('sends the roster version it holds where offered, and keeps the roster when the answer is empty', async () => {
    const model: ChatModel = {
      roster: rosterFrom([bob]),
      presences: new Map(),
      rosterVersioning: true,
      rosterVer: '7',
    };
    const { roster, sent } = api(model, () => xml('iq', { type: 'result' }));
    expect(await roster.fetchRoster()).toEqual([bob]);
    expect(sent[0]?.getChild('query', NS_ROSTER)?.attrs['ver']).toBe('7');
    expect(model.rosterVer).toBe('7');
  });

  it('takes a full roster and its new version; without versioning it sends no ver', async () => {
    const full = xml(
      'iq',
      { type: 'result' },
      xml('query', { xmlns: NS_ROSTER, ver: '9' }, xml('item', { jid: 'cid@x' })),
    );
    const versioned: ChatModel = {
      roster: rosterFrom([bob]),
      presences: new Map(),
      rosterVersioning: true,
      rosterVer: null,
    };
    const first = api(versioned, () => full);
    expect((await first.roster.fetchRoster()).map((item) => item.jid)).toEqual(['cid@x']);
    expect(first.sent[0]?.getChild('query', NS_ROSTER)?.attrs['ver']).toBe('');
    expect(versioned.rosterVer).toBe('9');

    const plain: ChatModel = { roster: rosterFrom([bob]), presences: new Map() };
    const second = api(plain, () => full);
    await second.roster.fetchRoster();
    expect(second.sent[0]?.getChild('query', NS_ROSTER)?.attrs['ver']).toBeUndefined();
    expect(plain.rosterVer).toBeNull();
  });

  it('sends one roster set per contact of a group operation and reports the first refusal', async () => {
    const model: ChatModel = {
      roster: rosterFrom([
        bob,
        { ...bob, jid: 'cid@x' },
        { ...bob, jid: 'dee@x', groups: ['Sales', 'Team'] },
      ]),
      presences: new Map(),
    };
    const refusal = Object.assign(new Error('forbidden'), { name: 'StanzaError', condition: 'forbidden' });
    const { roster, sent } = api(model, (stanza) =>
      stanza.getChild('query', NS_ROSTER)?.getChild('item')?.attrs['jid'] === 'cid@x'
        ? refusal
        : xml('iq', { type: 'result' }),
    );
    await expect(roster.deleteGroup('Sales')).rejects.toBe(refusal);
    const items = sent.map((stanza) => stanza.getChild('query', NS_ROSTER)?.getChild('item'));
    expect(
      items.map((item) => [
        item?.attrs['jid'],
        item?.attrs['subscription'] ??
          item
            ?.getChildren('group')
            .map((g) => g.text())
            .join(),
      ]),
    ).toEqual([
      ['bob@x', 'remove'],
      ['cid@x', 'remove'],
      ['dee@x', 'Team'],
    ]);
  });
});
