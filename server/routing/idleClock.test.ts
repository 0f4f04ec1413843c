/**
 * Longest-idle routing and wrap-up: an agent's idle time starts when their last wrap-up is done, not
 * when the chat ended, so a colleague who has been waiting meanwhile is offered the next chat first.
 */
import { expect, it } from 'vitest';
import type { ChatOffer, WrapUp } from '../../sdk/core/protocol.ts';
import {
  TEST_AGENTS,
  agentSession,
  askAgent,
  askCustomer,
  connectSocket,
  customerSession,
  next,
  unwrap,
  useTestServer,
  type AgentSocket,
  type CustomerSocket,
} from '../testing/testServer.ts';

const getServer = useTestServer({ offerTimeoutMs: 5000, wrapUpSeconds: 60, wrapUpReasons: ['Resolved'] });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function signedIn(index: number): Promise<AgentSocket> {
  const session = await agentSession(getServer().url, TEST_AGENTS[index]!);
  return connectSocket<AgentSocket>(getServer().url, '/agent', session.token);
}

async function customerStarts(name: string): Promise<void> {
  const session = await customerSession(getServer().url, name);
  const socket = await connectSocket<CustomerSocket>(getServer().url, '/customer', session.token);
  unwrap(await askCustomer(socket, 'chat:start', { clientId: crypto.randomUUID() }));
}

it('counts idle time from the end of the wrap-up, not from the end of the chat', async () => {
  const first = await signedIn(0);
  const second = await signedIn(1);
  unwrap(await askAgent(first, 'agent:setState', { state: 'READY' }));
  const offered = next<ChatOffer>(first, 'offer:new');
  await customerStarts('Dana');
  const { chatId } = await offered;
  unwrap(await askAgent(first, 'offer:accept', { chatId }));

  // The chat ends; the first agent wraps up while the second one becomes READY.
  const started = next<WrapUp>(first, 'wrapup:update');
  unwrap(await askAgent(first, 'chat:end', { chatId }));
  expect(await started).toMatchObject({ chatId, state: 'running' });
  await pause(20);
  unwrap(await askAgent(second, 'agent:setState', { state: 'READY' }));
  await pause(20);
  unwrap(await askAgent(first, 'wrapup:submit', { chatId, reasons: ['Resolved'], notes: '' }));

  // Both are free and READY: the second agent has been idle longer.
  const toSecond = next<ChatOffer>(second, 'offer:new');
  let offeredToFirst = false;
  first.on('offer:new', () => (offeredToFirst = true));
  await customerStarts('Eli');
  expect((await toSecond).customer.name).toBe('Eli');
  expect(offeredToFirst).toBe(false);
});
