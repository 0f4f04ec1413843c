/**
 * A customer without a browser: `POST /api/customer/session`, then the `/customer` socket and
 * `chat:start`, as the widget does. Specs that need many waiting chats (five for BUSY) use these
 * instead of one browser page each.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';

interface Ack<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}

export interface ApiCustomer {
  readonly name: string;
  readonly chatId: string;
  /** Chat statuses the server pushed (`chat:update`), latest last. */
  statuses(): string[];
  /** Texts of the messages received from the agent. */
  received(): string[];
  send(text: string): Promise<void>;
  close(): void;
}

function request<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    socket.timeout(10_000).emit(event, payload, (error: Error | null, ack: Ack<T>) => {
      if (error) reject(error);
      else if (!ack.ok) reject(new Error(`${event}: ${ack.error?.code} ${ack.error?.message}`));
      else resolve(ack.data as T);
    });
  });
}

export async function startApiCustomer(
  chatUrl: string,
  name: string,
  /** Pre-chat fields besides the name (`email`, `phone`, `topic`), as the widget's form sends them. */
  preChat?: Record<string, string>,
): Promise<ApiCustomer> {
  const response = await fetch(`${chatUrl}/api/customer/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (!response.ok) throw new Error(`customer session → ${response.status}: ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };

  const socket = io(`${chatUrl}/customer`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });

  const statuses: string[] = [];
  const received: string[] = [];
  socket.on('chat:update', (summary: { status: string }) => statuses.push(summary.status));
  socket.on('chat:message', (message: { kind: string; text: string; from: { role: string } }) => {
    if (message.kind === 'text' && message.from.role === 'agent') received.push(message.text);
  });

  const { chat } = await request<{ chat: { id: string; status: string } }>(socket, 'chat:start', {
    clientId: randomUUID(),
    ...(preChat ? { preChat: { name, ...preChat } } : {}),
  });
  statuses.push(chat.status);

  return {
    name,
    chatId: chat.id,
    statuses: () => [...statuses],
    received: () => [...received],
    async send(text) {
      await request(socket, 'message:send', { chatId: chat.id, clientId: randomUUID(), text });
    },
    close: () => void socket.close(),
  };
}
