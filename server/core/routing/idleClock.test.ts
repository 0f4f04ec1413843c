/**
 * Longest-idle routing and wrap-up: an agent's idle time starts when their last wrap-up is done, not
 * when the chat ended, so a colleague who has been waiting meanwhile is offered the next chat first.
 */
import { expect, it } from 'vitest';
import type { ChatOffer, WrapUp } from '../../../sdk/core/protocol.ts';
import { signedInAgent, signedInCustomer, startChat } from '../../testing/participants.ts';
import { askAgent, next, unwrap, useTestServer } from '../../testing/testServer.ts';

const getServer = useTestServer({ offerTimeoutMs: 5000, wrapUpSeconds: 60, wrapUpReasons: ['Resolved'] });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const signedIn = async (index: number) => (await signedInAgent(getServer().url, index)).socket;

async function customerStarts(name: string): Promise<void> {
  await startChat((await signedInCustomer(getServer().url, name)).socket);
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
