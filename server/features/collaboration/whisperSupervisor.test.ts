import { describe, expect, it } from 'vitest';
import type { Whisper } from '../../../sdk/core/protocol.ts';
import { acceptedChat, customer, signIn, useSupervisorServer } from '../supervision/testKit.ts';
import { askAgent, next, unwrap } from '../../testing/testServer.ts';

const getServer = useSupervisorServer();

describe('whispers and supervisors', () => {
  it('a supervisor monitoring the chat reads its whispers and gets new ones live; other agents do not', async () => {
    const url = getServer().url;
    const a1 = await signIn(url, '1001');
    const sup = await signIn(url, '1005');
    const bob = await signIn(url, '1002');
    const c = await customer(url);
    const chat = await acceptedChat(a1.socket, c.socket);
    unwrap(await askAgent(a1.socket, 'whisper:send', { chatId: chat.id, clientId: 'w1', text: 'before' }));

    // Not monitoring yet: no access.
    expect(await askAgent(sup.socket, 'whisper:list', { chatId: chat.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    unwrap(await askAgent(sup.socket, 'supervisor:monitor', { chatId: chat.id }));
    const listed = unwrap(await askAgent(sup.socket, 'whisper:list', { chatId: chat.id })).whispers;
    expect(listed.map((w) => w.text)).toEqual(['before']);

    const live = next<Whisper>(sup.socket, 'chat:whisper');
    unwrap(await askAgent(a1.socket, 'whisper:send', { chatId: chat.id, clientId: 'w2', text: 'live' }));
    expect((await live).text).toBe('live');
    expect(await askAgent(bob.socket, 'whisper:list', { chatId: chat.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});
