/** Test support for the widget-conversation server tests: customers, agents and HTTP calls. */
import type { ChatOffer, ChatSummary } from '../../sdk/core/protocol.ts';
import {
  TEST_AGENTS,
  agentSession,
  askAgent,
  askCustomer,
  connectSocket,
  customerSession,
  next,
  unwrap,
  type AgentSocket,
  type CustomerSocket,
} from '../testing/testServer.ts';

export async function customer(url: string, name = 'Dana Whitfield') {
  const session = await customerSession(url, name);
  const socket = await connectSocket<CustomerSocket>(url, '/customer', session.token);
  return { session, socket, token: session.token };
}

export async function agent(url: string, index = 0) {
  const who = TEST_AGENTS[index];
  if (!who) throw new Error(`no test agent ${index}`);
  const session = await agentSession(url, who);
  const socket = await connectSocket<AgentSocket>(url, '/agent', session.token);
  return { session, socket, token: session.token };
}

export async function startChat(
  socket: CustomerSocket,
  extra: { queue?: string; preChat?: Record<string, string> } = {},
): Promise<ChatSummary> {
  return unwrap(await askCustomer(socket, 'chat:start', { clientId: crypto.randomUUID(), ...extra })).chat;
}

export async function ready(socket: AgentSocket): Promise<void> {
  unwrap(await askAgent(socket, 'agent:setState', { state: 'READY' }));
}

export async function readyAndAccept(socket: AgentSocket): Promise<ChatOffer> {
  const offered = next<ChatOffer>(socket, 'offer:new');
  await ready(socket);
  const offer = await offered;
  unwrap(await askAgent(socket, 'offer:accept', { chatId: offer.chatId }));
  return offer;
}

export async function say(socket: CustomerSocket | AgentSocket, chatId: string, text: string): Promise<void> {
  // Both namespaces answer `message:send` the same way.
  unwrap(
    await askCustomer(socket as CustomerSocket, 'message:send', {
      chatId,
      clientId: crypto.randomUUID(),
      text,
    }),
  );
}

/** A JSON (or text) HTTP call with an optional bearer token. */
export async function http(
  url: string,
  init: { method?: 'GET' | 'POST'; token?: string; body?: unknown } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read field by field
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null; // a transcript is text, not JSON
  }
  return { status: response.status, json, text, headers: response.headers };
}
