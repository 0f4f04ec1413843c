/** Test support for transfer, conference, whisper and wrap-up: a customer's chat owned by Alice, Bob ready too. */
import type { ChatMessage, ChatOffer, ChatSummary, Whisper } from '../../../sdk/core/protocol.ts';
import { acceptedChat, agent } from '../files/sharingTestKit.ts';
import { askAgent, next, unwrap, type AgentSocket, type TestServer } from '../../testing/testServer.ts';

export { agent, customer } from '../files/sharingTestKit.ts';

/** Alice (1001) owns Dana's chat; Bob (1002) is signed in and READY with a free slot. */
export async function chatWithTwoAgents(server: TestServer) {
  const { c, a: alice, chat } = await acceptedChat(server);
  const bob = await agent(server, 1);
  unwrap(await askAgent(bob.socket, 'agent:setState', { state: 'READY' }));
  return { c, alice, bob, chat };
}

/** Bob is offered the chat by name: the offer, after Alice asked with `ask`. */
export async function offeredTo(socket: AgentSocket, ask: () => Promise<unknown>): Promise<ChatOffer> {
  const offer = next<ChatOffer>(socket, 'offer:new');
  await ask();
  return offer;
}

/** Everything a socket receives, by event name, to assert what never arrived. */
export function recordAll(socket: { onAny(fn: (event: string, ...args: unknown[]) => void): void }) {
  const seen: Array<{ event: string; payload: unknown }> = [];
  socket.onAny((event, payload) => seen.push({ event, payload }));
  return seen;
}

export const pause = (ms = 150) => new Promise((resolve) => setTimeout(resolve, ms));

export type { ChatMessage, ChatSummary, Whisper };
