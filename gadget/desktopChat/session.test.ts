import { describe, expect, it } from 'vitest';
import { createConversations, XmppAuthError, XmppConnectionError } from '../../sdk/desktop-chat/index.ts';
import { createDesktopChatSession, REMEMBER_KEY, userJid, type DesktopChatPort } from './session.ts';
import { contact, fakeDesktopChat, type FakeDesktopChat } from './testing/fakeDesktopChat.ts';

function setup(chat: FakeDesktopChat = fakeDesktopChat([contact('ada@finesse.test', 'Ada', ['Team'])])) {
  const stored = new Map<string, string>();
  const storage = {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  };
  const created: string[] = [];
  const port: DesktopChatPort = {
    config: {
      service: { primary: 'http://127.0.0.1:5280/http-bind' },
      transport: 'bosh',
      domain: 'finesse.test',
    },
    create: (credentials) => {
      created.push(credentials.username);
      return chat;
    },
    conversations: (c) => createConversations(c),
    storage,
  };
  return { session: createDesktopChatSession(port), chat, stored, created };
}

describe('Desktop Chat session', () => {
  it('signs in with the IM identity: roster, presences and Available', async () => {
    const { session, chat } = setup();
    chat.presenceChanged('ada@finesse.test', 'away', 'lunch');
    const signing = session.signIn({ username: 'Grace', password: 'pw' }, false);
    expect(session.getSnapshot().phase).toBe('signingIn');
    await signing;
    const snapshot = session.getSnapshot();
    expect(snapshot.phase).toBe('signedIn');
    expect(snapshot.user).toBe('grace@finesse.test');
    expect(snapshot.own.availability).toBe('available');
    expect(snapshot.roster.map((item) => item.jid)).toEqual(['ada@finesse.test']);
    expect(snapshot.presences.get('ada@finesse.test')).toMatchObject({
      availability: 'away',
      status: 'lunch',
    });
    chat.presenceChanged('ada@finesse.test', 'dnd');
    expect(session.getSnapshot().presences.get('ada@finesse.test')?.availability).toBe('dnd');
  });

  it.each([
    [new XmppAuthError('not-authorized'), 'auth'],
    [new XmppConnectionError('no server', []), 'unreachable'],
    [new Error('odd'), 'failed'],
  ] as const)('a refused sign-in says why (%s → %s) and stays signed out', async (error, problem) => {
    const { session, chat } = setup();
    chat.failStartWith = error;
    await session.signIn({ username: 'grace', password: 'bad' }, false);
    expect(session.getSnapshot()).toMatchObject({ phase: 'signedOut', problem, chat: null });
  });

  it('remembers the username only when asked, and forgets it when unticked', async () => {
    const { session, stored } = setup();
    await session.signIn({ username: ' grace ', password: 'pw' }, true);
    expect(stored.get(REMEMBER_KEY)).toBe('grace');
    expect(session.rememberedUsername()).toBe('grace');
    await session.signIn({ username: 'grace', password: 'pw' }, false);
    expect(stored.has(REMEMBER_KEY)).toBe(false);
    // The password is never stored.
    expect([...stored.values()].join()).not.toContain('pw');
  });

  it('signing out stops the chat and forgets its open chats', async () => {
    const { session, chat } = setup();
    await session.signIn({ username: 'grace', password: 'pw' }, false);
    chat.receive('ada@finesse.test', 'hello');
    const conversations = session.getSnapshot().conversations!;
    expect(conversations.getSnapshot().chats).toHaveLength(1);
    await session.signOut();
    expect(conversations.getSnapshot().chats).toHaveLength(0);
    expect(chat.calls.at(-1)?.method).toBe('stop');
    expect(session.getSnapshot().phase).toBe('signedOut');
  });

  it('keeps subscription requests until answered', async () => {
    const { session, chat } = setup();
    await session.signIn({ username: 'grace', password: 'pw' }, false);
    chat.emit('subscriptionRequest', { jid: 'linus@finesse.test' });
    chat.emit('subscriptionRequest', { jid: 'linus@finesse.test' });
    expect(session.getSnapshot().requests).toEqual(['linus@finesse.test']);
    await session.answerRequest('linus@finesse.test', true);
    expect(chat.calls.at(-1)).toEqual({ method: 'approveSubscription', args: ['linus@finesse.test'] });
    expect(session.getSnapshot().requests).toEqual([]);
  });

  it('writes user names as addresses', () => {
    expect(userJid('Alice', 'example.com')).toBe('alice@example.com');
    expect(userJid('Bob@Other.COM', 'example.com')).toBe('bob@other.com');
  });
});
