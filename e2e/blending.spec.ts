/**
 * Media blending in `gadget` sync mode (docs/requirements.md, "Media blending", both tables):
 * the gadget reports finesse.js voice state and calls to the chat server, and applies the voice
 * changes blending asks for. Voice state is checked where Finesse keeps it: the simulator.
 */
import type { Locator } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';
import type { AgentDesktop } from './support/pages.ts';
import { HANDLING_CHAT_REASON_ID, type CallKind, type SimApi } from './support/simApi.ts';

const HANDLING_CHAT = `NOT_READY:${HANDLING_CHAT_REASON_ID}`;

/** Fails if the attribute leaves `value` during `ms` (a "nothing changes" check, kept short). */
async function holds(locator: Locator, name: string, value: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    expect(await locator.getAttribute(name)).toBe(value);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Signs the agent in, voice READY in the desktop header, chat READY in the gadget. */
async function readyForBoth(desktop: AgentDesktop, sim: SimApi, id: string): Promise<void> {
  await desktop.signIn(id);
  await expect(desktop.chatState).toBeVisible();
  await desktop.goVoiceReady();
  await expect.poll(() => sim.voice(id)).toBe('READY');
  await desktop.goReadyForChat();
  await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
}

/** Ends a call as the phone would, and finishes wrap-up if the simulator put the agent in it. */
async function hangUp(sim: SimApi, agentId: string, dialogId: string): Promise<void> {
  await sim.end(dialogId);
  const { state } = await sim.user(agentId);
  if (state === 'WORK' || state === 'WORK_READY') await sim.completeWrapUp(agentId);
}

test('an inbound call interrupts chat: nothing is offered during it, the waiting chat after it', async ({
  customer,
  desktop,
  sim,
}) => {
  await readyForBoth(desktop, sim, '1001');

  const call = await sim.ring('1001', 'inbound', '+14155550100');
  await expect(desktop.voiceState).toHaveText('RESERVED');
  // RESERVED already interrupts chat (docs/requirements.md, Media blending).
  await expect(desktop.chatState).toHaveAttribute('data-state', 'INTERRUPTED');
  await sim.answer(call.id);
  await expect(desktop.voiceState).toHaveText('TALKING');
  await expect(desktop.chatState).toHaveAttribute('data-state', 'INTERRUPTED');
  await screenshot(desktop.page, 'gadget-interrupted');

  await customer.open();
  await customer.startChat('Irene Voss');
  await expect(customer.status).toHaveAttribute('data-status', 'waiting');
  // The short check that nothing is offered while the call lasts.
  await holds(desktop.chatState, 'data-state', 'INTERRUPTED', 2000);
  await expect(desktop.offer).toHaveCount(0);

  await hangUp(sim, '1001', call.id);
  await expect.poll(() => sim.voice('1001')).toBe('READY');
  // The chat state comes back by itself; the waiting chat is offered now.
  await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
  await desktop.acceptOffer('Irene Voss');
  await expect(customer.status).toHaveAttribute('data-status', 'active');
  await expect(desktop.chatState).toHaveAttribute('data-state', 'ACTIVE');
  await expect.poll(() => sim.voice('1001')).toBe(HANDLING_CHAT);
});

test('chats blend with voice: Handling Chat from the first chat, BUSY at five, voice restored after the last', async ({
  desktop,
  sim,
  stack,
}) => {
  await readyForBoth(desktop, sim, '1001');

  const names = ['Ada Park', 'Bruno Silva', 'Chen Wei', 'Dora Novak', 'Emil Berg'];
  const customers: ApiCustomer[] = [];
  for (const name of names) customers.push(await startApiCustomer(stack.chatUrl, name));
  try {
    // The agent gets one offer at a time, oldest chat first.
    for (const [index, name] of names.entries()) {
      await desktop.acceptOffer(name);
      await expect(desktop.chatTabs).toHaveCount(index + 1);
      if (index === 0) {
        await expect.poll(() => sim.voice('1001')).toBe(HANDLING_CHAT);
        await expect(desktop.voiceState).toHaveText('NOT_READY');
        const user = await sim.user('1001');
        expect(user.reasonCodeLabel).toBe('Handling Chat');
      }
      if (index < names.length - 1) {
        await expect(desktop.chatState).toHaveAttribute('data-state', 'ACTIVE');
      }
    }
    await expect(desktop.chatState).toHaveAttribute('data-state', 'BUSY');
    await expect(desktop.offer).toHaveCount(0);
    for (const customer of customers) expect(customer.statuses()).toContain('active');
    // Voice stays in Handling Chat the whole time.
    expect(await sim.voice('1001')).toBe(HANDLING_CHAT);
    await screenshot(desktop.page, 'gadget-busy');

    for (let open = names.length; open > 0; open--) {
      await desktop.endAndCloseChat();
      await expect(desktop.chatTabs).toHaveCount(open - 1);
      if (open > 1) {
        await expect(desktop.chatState).toHaveAttribute('data-state', 'ACTIVE');
        expect(await sim.voice('1001')).toBe(HANDLING_CHAT);
      }
    }
    await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
    await expect.poll(() => sim.voice('1001')).toBe('READY');
    await expect(desktop.voiceState).toHaveText('READY');
    await expect.poll(() => customers.map((c) => c.statuses().at(-1))).toEqual(names.map(() => 'ended'));
  } finally {
    for (const customer of customers) customer.close();
  }
});

const INTERNAL_CALLS: CallKind[] = ['transfer', 'consult', 'conference', 'direct'];

test('internal calls interrupt chat only when the agent has no active chat', async ({
  customer,
  desktop,
  sim,
}) => {
  await readyForBoth(desktop, sim, '1001');

  // No chat: every internal call interrupts (docs/requirements.md, internal-call table, first column).
  for (const type of INTERNAL_CALLS) {
    const call = await sim.ring('1001', type, '3002');
    await sim.answer(call.id);
    await expect(desktop.voiceState).toHaveText('TALKING');
    await expect(desktop.chatState, `${type} call, no chat`).toHaveAttribute('data-state', 'INTERRUPTED');
    await hangUp(sim, '1001', call.id);
    await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
    await expect.poll(() => sim.voice('1001')).toBe('READY');
  }

  await customer.open();
  await customer.startChat('Olga Petrova');
  await desktop.acceptOffer('Olga Petrova');
  await expect(desktop.chatState).toHaveAttribute('data-state', 'ACTIVE');
  await expect.poll(() => sim.voice('1001')).toBe(HANDLING_CHAT);

  // One active chat: no internal call interrupts (second column); the chat goes on during the call.
  for (const type of INTERNAL_CALLS) {
    const call = await sim.ring('1001', type, '3002');
    await sim.answer(call.id);
    await expect(desktop.voiceState).toHaveText('TALKING');
    await holds(desktop.chatState, 'data-state', 'ACTIVE', 1500);
    await customer.send(`still here during the ${type} call`);
    await expect(desktop.textMessages().last()).toContainText(`during the ${type} call`);
    await hangUp(sim, '1001', call.id);
    // Back to the blending NOT_READY the call found.
    await expect.poll(() => sim.voice('1001')).toBe(HANDLING_CHAT);
    await expect(desktop.chatState).toHaveAttribute('data-state', 'ACTIVE');
  }

  await desktop.endChat();
  await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
  await expect.poll(() => sim.voice('1001')).toBe('READY');
});
