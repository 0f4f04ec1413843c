/**
 * The flood benchmark's clients: customers that name their address in X-Forwarded-For (the
 * target trusts loopback as its proxy), agents with signed tokens, and agents that accept every
 * chat offered to them, so an attacker's chat becomes active as a real one would.
 */
import { io, type Socket } from 'socket.io-client';
import type { ChatOffer, ChatSummary, Result } from '../../sdk/core/protocol.ts';
import { NAMESPACES } from '../../sdk/core/protocol.ts';
import type { FloodTarget } from './floodTarget.ts';

const STEP_TIMEOUT_MS = 10_000;

/** An answer: the ack's result, or why there was none (timeout, disconnect). */
export type Answer<T> = Result<T> | { ok: false; error: { code: 'NO_ACK'; message: string } };

export interface Session {
  status: number;
  token: string | null;
  code: string | null;
}

export async function customerSession(url: string, ip: string, name = 'Flood Customer'): Promise<Session> {
  const response = await fetch(`${url}/api/customer/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip },
    body: JSON.stringify({ name }),
  });
  const body = (await response.json()) as { token?: string; error?: { code: string } };
  return { status: response.status, token: body.token ?? null, code: body.error?.code ?? null };
}

/** A connected socket, or the server's refusal (`connect_error`'s message and data code). */
export function connect(
  url: string,
  namespace: string,
  token: string,
  ip = '127.0.0.1',
): Promise<{ socket: Socket } | { refused: string }> {
  const socket = io(`${url}${namespace}`, {
    auth: { token },
    transports: ['websocket'],
    extraHeaders: { 'X-Forwarded-For': ip },
    reconnection: false,
    forceNew: true,
    timeout: STEP_TIMEOUT_MS,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      socket.close();
      resolve({ refused: error.data?.code ?? error.message });
    });
  });
}

export async function connected(url: string, namespace: string, token: string, ip?: string): Promise<Socket> {
  const result = await connect(url, namespace, token, ip);
  if ('refused' in result) throw new Error(`[bench] ${namespace} socket refused: ${result.refused}`);
  return result.socket;
}

export async function ask<T>(socket: Socket, event: string, payload: unknown): Promise<Answer<T>> {
  try {
    return (await socket.timeout(STEP_TIMEOUT_MS).emitWithAck(event, payload)) as Result<T>;
  } catch (error) {
    return { ok: false, error: { code: 'NO_ACK', message: String(error) } };
  }
}

export async function must<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  const answer = await ask<T>(socket, event, payload);
  if (!answer.ok) throw new Error(`[bench] ${event} refused: ${answer.error.code} ${answer.error.message}`);
  return answer.data;
}

export interface Customer {
  token: string;
  socket: Socket;
  chatId: string;
  /** True once an agent accepted the chat; false when none did within the step timeout. */
  active: Promise<boolean>;
}

function becomesActive(socket: Socket): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), STEP_TIMEOUT_MS);
    const onUpdate = (chat: ChatSummary) => {
      if (chat.status !== 'active') return;
      clearTimeout(timer);
      socket.off('chat:update', onUpdate);
      resolve(true);
    };
    socket.on('chat:update', onUpdate);
  });
}

/** A customer from `ip` with a session, a socket and a chat in the default queue. */
export async function startCustomer(url: string, ip: string, name?: string): Promise<Customer> {
  const session = await customerSession(url, ip, name);
  if (!session.token) throw new Error(`[bench] session from ${ip} refused: ${session.code}`);
  const socket = await connected(url, NAMESPACES.customer, session.token, ip);
  // Listening before the start: an agent may accept before chat:start is even acked.
  const active = becomesActive(socket);
  const { chat } = await must<{ chat: ChatSummary }>(socket, 'chat:start', { clientId: crypto.randomUUID() });
  return {
    token: session.token,
    socket,
    chatId: chat.id,
    active: chat.status === 'active' ? Promise.resolve(true) : active,
  };
}

/** An agent socket that goes READY and accepts every chat offered, until closed. */
export async function acceptingAgent(target: FloodTarget, id: string): Promise<Socket> {
  const socket = await connected(target.url, NAMESPACES.agent, target.agentToken(id));
  socket.on('offer:new', (offer: ChatOffer) => {
    void ask(socket, 'offer:accept', { chatId: offer.chatId });
  });
  await must(socket, 'agent:setState', { state: 'READY' });
  return socket;
}
