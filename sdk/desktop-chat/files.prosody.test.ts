/**
 * Files in the desktop chat against a real Prosody (mod_http_file_share, XEP-0363): one file
 * accepted and downloaded, one declined with the sender told, and the limits refusing before upload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../../server/testing/prosodyServer.ts';
import { createConversations } from './conversations.ts';
import { createDesktopChat } from './desktopChat.ts';
import { FileLimitError } from './errors.ts';
import type { ChatMessage, DesktopChat, DesktopChatOptions } from './types.ts';
import { nextEvent as next } from './chatTesting.ts';

let prosody: ProsodyServer;
const chats: DesktopChat[] = [];

beforeAll(async () => {
  prosody = await startProsody({
    domain: 'im.test',
    users: ['alice', 'bob'].map((username) => ({ username, password: `pw-${username}` })),
  });
}, 30_000);
afterAll(async () => {
  await Promise.all(chats.map((chat) => chat.stop()));
  await prosody?.stop();
});

function chatFor(user: string, extra: Partial<DesktopChatOptions> = {}): DesktopChat {
  const bosh = user === 'bob';
  const chat = createDesktopChat({
    service: { primary: bosh ? prosody.boshUrl : prosody.websocketUrl },
    transport: bosh ? 'bosh' : 'websocket',
    bosh: { wait: 10 },
    domain: prosody.domain,
    username: user,
    password: `pw-${user}`,
    ...extra,
  });
  chats.push(chat);
  return chat;
}

const text = (value: string) => new TextEncoder().encode(value);

describe('files on Prosody (XEP-0363)', () => {
  it('offers a file that is accepted and one that is declined; the sender is told each answer', async () => {
    const alice = chatFor('alice', { files: { maxBytes: 100_000, types: ['text/*', 'application/pdf'] } });
    const bob = chatFor('bob');
    await Promise.all([alice.start(), bob.start()]);
    const aliceChats = createConversations(alice);

    const offered = next(bob, 'message', (m: ChatMessage) => m.file?.name === 'notes.txt');
    const sent = await alice.sendFile('bob@im.test', {
      name: 'notes.txt',
      size: 11,
      type: 'text/plain',
      data: text('queue notes'),
    });
    expect(sent.file).toMatchObject({ name: 'notes.txt', size: 11, state: 'offered' });
    const offer = await offered;
    expect(offer).toMatchObject({
      id: sent.id,
      peer: 'alice@im.test',
      direction: 'in',
      file: { name: 'notes.txt', size: 11, type: 'text/plain', state: 'offered', url: sent.file?.url },
    });
    // Accept: the receiver downloads it from the offered URL.
    const accepted = next(alice, 'fileAnswer');
    await bob.answerFile(offer.peer, offer.id, 'accepted');
    expect(await accepted).toEqual({ peer: 'bob@im.test', id: sent.id, answer: 'accepted', by: 'peer' });
    expect(await (await fetch(offer.file?.url ?? '')).text()).toBe('queue notes');

    const second = next(bob, 'message', (m: ChatMessage) => m.file?.name === 'report.pdf');
    const pdf = await alice.sendFile('bob@im.test', {
      name: 'report.pdf',
      size: 9,
      type: 'application/pdf',
      data: new Blob([text('%PDF-1.4\n')]),
    });
    const declined = next(alice, 'fileAnswer', (a) => a.id === pdf.id);
    await bob.answerFile('alice@im.test', (await second).id, 'declined');
    expect(await declined).toMatchObject({ answer: 'declined', by: 'peer' });
    // The sender's chat shows both answers.
    const files = aliceChats.getSnapshot().chats[0]?.messages.map((m) => [m.file?.name, m.file?.state]);
    expect(files).toEqual([
      ['notes.txt', 'accepted'],
      ['report.pdf', 'declined'],
    ]);
  }, 30_000);

  it("refuses before uploading what the admin's or the server's limits do not allow", async () => {
    const alice = chatFor('alice', { resource: 'limits', files: { maxBytes: 10, types: ['image/*'] } });
    await alice.start();
    const big = { name: 'big.png', size: 11, type: 'image/png', data: new Uint8Array(11) };
    await expect(alice.sendFile('bob@im.test', big)).rejects.toMatchObject({
      name: 'FileLimitError',
      code: 'FILE_TOO_LARGE',
      limit: 10,
    });
    const exe = { name: 'run.exe', size: 3, type: 'application/x-msdownload', data: new Uint8Array(3) };
    await expect(alice.sendFile('bob@im.test', exe)).rejects.toMatchObject({ code: 'FILE_TYPE' });

    // No admin limit: the server's (1 MiB in the test config, from its disco#info) applies.
    const open = chatFor('alice', { resource: 'open' });
    await open.start();
    const huge = {
      name: 'huge.txt',
      size: 2 * 1024 * 1024,
      type: 'text/plain',
      data: new Uint8Array(2 * 1024 * 1024),
    };
    const refusal = await open.sendFile('bob@im.test', huge).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(FileLimitError);
    expect(refusal).toMatchObject({ code: 'FILE_TOO_LARGE', limit: 1024 * 1024 });

    const off = chatFor('alice', { resource: 'off', files: false });
    await off.start();
    await expect(off.sendFile('bob@im.test', exe)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  }, 30_000);
});
