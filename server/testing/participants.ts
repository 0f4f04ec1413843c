/**
 * Test support shared by the server test kits: a signed-in customer or agent with its socket,
 * a customer's started chat, and an agent that goes READY and accepts the next offer.
 */
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
} from './testServer.ts';

/** A customer session on the server at `url` and its connected `/customer` socket. */
export async function signedInCustomer(url: string, name = 'Dana Whitfield') {
  const session = await customerSession(url, name);
  const socket = await connectSocket<CustomerSocket>(url, '/customer', session.token);
  return { session, socket, token: session.token };
}

/** `TEST_AGENTS[index]` signed in on the server at `url`, with its connected `/agent` socket. */
export async function signedInAgent(url: string, index = 0) {
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

/** Goes READY and accepts the offer that follows; resolves with that offer. */
export async function readyAndAccept(socket: AgentSocket): Promise<ChatOffer> {
  const offered = next<ChatOffer>(socket, 'offer:new');
  await ready(socket);
  const offer = await offered;
  unwrap(await askAgent(socket, 'offer:accept', { chatId: offer.chatId }));
  return offer;
}
