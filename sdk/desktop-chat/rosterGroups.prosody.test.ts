/**
 * Roster groups against a real Prosody (server/testing/prosodyServer.ts): rename, move several,
 * remove from one group, delete a group with its contacts; and roster versioning (RFC 6121
 * section 2.6) bringing a changed roster after signing in again; contact search without XEP-0055.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../server/testing/prosodyServer.ts';
import { createDesktopChat } from './desktopChat.ts';
import type { RosterItem } from './roster.ts';
import type { DesktopChat, DesktopChatOptions } from './types.ts';

let prosody: ProsodyServer;
const chats: DesktopChat[] = [];

beforeAll(async () => {
  prosody = await startProsody({
    domain: 'im.test',
    users: ['alice', 'bob', 'carol', 'dave'].map((username) => ({ username, password: `pw-${username}` })),
  });
}, 30_000);
afterAll(async () => {
  await Promise.all(chats.map((chat) => chat.stop()));
  await prosody?.stop();
});

function chatFor(resource: string, extra: Partial<DesktopChatOptions> = {}): DesktopChat {
  const chat = createDesktopChat({
    service: { primary: prosody.websocketUrl },
    transport: 'websocket',
    domain: prosody.domain,
    username: 'alice',
    password: 'pw-alice',
    resource,
    ...extra,
  });
  chats.push(chat);
  return chat;
}

const groupsOf = (items: readonly RosterItem[]) =>
  Object.fromEntries(items.map((item) => [item.jid.split('@')[0], item.groups]));

/** The roster after a fetch (with roster versioning: what the pushes made of it when unchanged). */
const serverGroups = async (chat: DesktopChat) => groupsOf(await chat.fetchRoster());

describe('roster groups on Prosody', () => {
  it('renames, moves several, removes from one group and deletes a group with its contacts', async () => {
    const alice = chatFor('desk');
    await alice.start();
    await alice.addContact('bob@im.test', { name: 'Bob', groups: ['Sales'] });
    await alice.addContact('carol@im.test', { groups: ['Sales', 'Support'] });
    await alice.addContact('dave@im.test', { groups: ['Support'] });

    await alice.renameGroup('Sales', 'Retail');
    expect(await serverGroups(alice)).toEqual({
      bob: ['Retail'],
      carol: ['Retail', 'Support'],
      dave: ['Support'],
    });
    expect(alice.roster().find((item) => item.jid === 'bob@im.test')?.name).toBe('Bob');

    await alice.moveContacts(['bob@im.test', 'Carol@im.test'], 'Retail', 'Team');
    expect(await serverGroups(alice)).toEqual({
      bob: ['Team'],
      carol: ['Support', 'Team'],
      dave: ['Support'],
    });

    await alice.removeFromGroup('carol@im.test', 'Support');
    expect(await serverGroups(alice)).toEqual({ bob: ['Team'], carol: ['Team'], dave: ['Support'] });

    await alice.deleteGroup('Team');
    expect(await serverGroups(alice)).toEqual({ dave: ['Support'] });
    // The local roster followed the server's pushes.
    expect(groupsOf(alice.roster())).toEqual({ dave: ['Support'] });

    await expect(alice.renameGroup('Support', ' ')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  }, 30_000);

  it("searches the directory option, as Debian's Prosody has no user directory (XEP-0055)", async () => {
    const asked: string[] = [];
    const chat = chatFor('search', {
      directory: async (query) => {
        asked.push(query);
        return [{ jid: 'bob@im.test', name: 'Bob Stone' }];
      },
    });
    await chat.start();
    expect(await chat.searchContacts('bob')).toEqual([{ jid: 'bob@im.test', name: 'Bob Stone' }]);
    expect(await chat.searchContacts('carol@im.test')).toEqual([
      { jid: 'carol@im.test', name: 'carol@im.test' },
      { jid: 'bob@im.test', name: 'Bob Stone' },
    ]);
    expect(asked).toEqual(['bob', 'carol@im.test']);
  }, 30_000);

  it('signing in again with the roster version it holds still gets what changed meanwhile', async () => {
    const desk = chatFor('desk2');
    const phone = chatFor('phone');
    await desk.start();
    expect(groupsOf(desk.roster())).toEqual({ dave: ['Support'] });
    await desk.stop();
    await phone.start();
    await phone.addContact('bob@im.test', { groups: ['Back'] });
    await phone.stop();
    await desk.start();
    expect(groupsOf(desk.roster())).toEqual({ bob: ['Back'], dave: ['Support'] });
    // Unchanged since: the roster is kept as it was (the server answered with no items).
    await desk.stop();
    await desk.start();
    expect(groupsOf(desk.roster())).toEqual({ bob: ['Back'], dave: ['Support'] });
  }, 30_000);
});
