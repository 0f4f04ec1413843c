/**
 * The roster operations of the desktop chat (RFC 6121 sections 2 and 3): fetch, add (with a
 * presence subscription request), rename and regroup, remove, and answering subscription requests.
 * The server answers each change with a roster push, which inbound.ts applies.
 */
import { xml, type XmppElement } from '@xmpp/client';
import type { Emitter } from '../core/emitter.ts';
import type { ChatModel } from './inbound.ts';
import { rosterFrom, type RosterItem } from './roster.ts';
import {
  deleteGroupEdits,
  moveContactsEdits,
  removeFromGroupEdits,
  renameGroupEdits,
  type GroupEdit,
} from './rosterGroups.ts';
import { bareJid, NS_ROSTER, parseRosterItem, rosterGet, rosterRemove, rosterSet } from './stanzas.ts';
import type { DesktopChat, DesktopChatEvents } from './types.ts';

export interface RosterApiDeps {
  readonly model: ChatModel;
  readonly emitter: Emitter<DesktopChatEvents>;
  readonly request: (stanza: XmppElement) => Promise<XmppElement>;
  readonly send: (stanza: XmppElement) => Promise<void>;
}

export type RosterApi = Pick<
  DesktopChat,
  | 'fetchRoster'
  | 'addContact'
  | 'updateContact'
  | 'removeContact'
  | 'approveSubscription'
  | 'denySubscription'
  | 'renameGroup'
  | 'deleteGroup'
  | 'moveContacts'
  | 'removeFromGroup'
>;

/** Roster sets in flight at once for a group operation (one set per contact, RFC 6121 section 2.3.3). */
const GROUP_CONCURRENCY = 8;

export function createRosterApi({ model, emitter, request, send }: RosterApiDeps): RosterApi {
  /** Sends the edits, a few at a time; the first refusal rejects once the ones in flight are done. */
  async function apply(edits: readonly GroupEdit[]): Promise<void> {
    const queue = [...edits];
    let failure: unknown = null;
    const worker = async () => {
      for (let next = queue.shift(); next && failure === null; next = queue.shift()) {
        const stanza =
          'remove' in next ? rosterRemove(next.jid) : rosterSet(next.jid, next.name, next.groups);
        await request(stanza).catch((error: unknown) => {
          failure ??= error;
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(GROUP_CONCURRENCY, queue.length) }, worker));
    if (failure !== null) throw failure;
  }

  return {
    renameGroup: async (from, to) => apply(renameGroupEdits(model.roster, from, to)),
    deleteGroup: async (name) => apply(deleteGroupEdits(model.roster, name)),
    moveContacts: async (jids, from, to) =>
      apply(moveContactsEdits(model.roster, jids.map(bareJid), from, to)),
    removeFromGroup: async (jid, group) => apply(removeFromGroupEdits(model.roster, bareJid(jid), group)),
    async fetchRoster() {
      // Roster versioning (RFC 6121 section 2.6): with the version we hold, an unchanged roster is
      // answered by an empty result and changes come as pushes. Only where the server offers it.
      const ver = model.rosterVersioning ? (model.rosterVer ?? '') : undefined;
      const result = await request(rosterGet(ver));
      const query = result.getChild('query', NS_ROSTER);
      if (query || ver === undefined) {
        const items = (query?.getChildren('item') ?? []).map(parseRosterItem);
        model.roster = rosterFrom(
          items.filter((item): item is RosterItem => item !== null && item.subscription !== 'remove'),
        );
        model.rosterVer = model.rosterVersioning ? (query?.attrs['ver'] ?? null) : null;
      }
      const list = [...model.roster.values()];
      emitter.emit('roster', list);
      return list;
    },
    async addContact(jid, fields = {}) {
      await request(rosterSet(bareJid(jid), fields.name, fields.groups ?? []));
      await send(xml('presence', { to: bareJid(jid), type: 'subscribe' }));
    },
    async updateContact(jid, fields) {
      const current = model.roster.get(bareJid(jid));
      const name = 'name' in fields ? fields.name : current?.name;
      await request(rosterSet(bareJid(jid), name, fields.groups ?? current?.groups ?? []));
    },
    async removeContact(jid) {
      await request(rosterRemove(bareJid(jid)));
    },
    approveSubscription: (jid) => send(xml('presence', { to: bareJid(jid), type: 'subscribed' })),
    denySubscription: (jid) => send(xml('presence', { to: bareJid(jid), type: 'unsubscribed' })),
  };
}
