/** Test support for receipts and attachments: a customer and an agent in one accepted chat, and raw uploads. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChatMessage, HttpErrorResponse } from '../../../sdk/core/protocol.ts';
import { readyAndAccept, signedInAgent, signedInCustomer, startChat } from '../../testing/participants.ts';
import type { TestServer } from '../../testing/testServer.ts';

export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]);

export const customer = (server: TestServer, name = 'Dana') => signedInCustomer(server.url, name);

export const agent = (server: TestServer, index = 0) => signedInAgent(server.url, index);

/** A customer's chat, accepted by agent 1001: both sockets and the chat. */
export async function acceptedChat(server: TestServer) {
  const c = await customer(server);
  const chat = await startChat(c.socket);
  const a = await agent(server);
  await readyAndAccept(a.socket);
  return { c, a, chat };
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export async function upload(
  server: TestServer,
  token: string | null,
  chatId: string,
  bytes: Uint8Array,
  name: string,
  clientId: string = crypto.randomUUID(),
): Promise<Answer<{ message: ChatMessage } & Partial<HttpErrorResponse>>> {
  const query = new URLSearchParams({ clientId, name });
  const response = await fetch(`${server.url}/api/chats/${chatId}/files?${query}`, {
    method: 'POST',
    headers: {
      'content-type': 'image/png', // what the client claims counts for nothing
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as never };
}

export async function getJson<T>(server: TestServer, path: string, token?: string): Promise<Answer<T>> {
  const response = await fetch(`${server.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

/** The secret the test server generated in its data directory (to sign links as it would). */
export const tokenSecretOf = (server: TestServer): string =>
  readFileSync(join(server.dataDir, 'token-secret'), 'utf8').trim();
