/**
 * Media blending in `server` sync mode (the "Communication Server" of docs/requirements.md): the chat server follows
 * the agent's voice state itself — REST with the agent's credentials and an XMPP pubsub
 * subscription through a real Prosody, fed by the simulator in Finesse's `<Update>` format — and
 * changes it over REST. The gadget only shows the result.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test as base } from './fixtures.ts';
import { startProsody, type ProsodyServer } from '../server/testing/prosodyServer.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';
import { HANDLING_CHAT_REASON_ID, type SimApi } from './support/simApi.ts';

const agents = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '../simulator/agents.json'), 'utf8')) as {
    agents: Array<{ id: string; password: string }>;
  }
).agents;

const test = base.extend<{ prosody: ProsodyServer }>({
  // eslint-disable-next-line no-empty-pattern
  prosody: async ({}, use) => {
    const prosody = await startProsody({
      users: agents.map((agent) => ({ username: agent.id, password: agent.password })),
    });
    await use(prosody);
    await prosody.stop();
  },
  stackOptions: async ({ prosody }, use) => {
    await use({
      env: {
        FINESSE_SYNC: 'server',
        FINESSE_XMPP_URL: prosody.service,
        FINESSE_XMPP_DOMAIN: prosody.domain,
        FINESSE_RESYNC_MS: '3000',
      },
      simEnv: {
        SIM_XMPP_URL: prosody.service,
        SIM_XMPP_DOMAIN: prosody.domain,
        SIM_XMPP_ADMIN: prosody.adminJid,
        SIM_XMPP_PASSWORD: prosody.adminPassword,
      },
    });
  },
});

async function hangUp(sim: SimApi, agentId: string, dialogId: string): Promise<void> {
  await sim.end(dialogId);
  const { state } = await sim.user(agentId);
  if (state === 'WORK' || state === 'WORK_READY') await sim.completeWrapUp(agentId);
}

test('the chat server blends over REST and XMPP: interrupts on a call, Handling Chat, BUSY at five, voice restored', async ({
  customer,
  desktop,
  sim,
  stack,
}) => {
  await desktop.signIn('1001');
  await desktop.goVoiceReady();
  await expect.poll(() => sim.voice('1001')).toBe('READY');
  await desktop.goReadyForChat();
  await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');

  // The call reaches the chat server through Prosody, not through the gadget.
  const call = await sim.ring('1001', 'inbound', '+14155550111');
  await sim.answer(call.id);
  await expect(desktop.chatState).toHaveAttribute('data-state', 'INTERRUPTED');
  await customer.open();
  await customer.startChat('Nora Lind');
  await expect(customer.status).toHaveAttribute('data-status', 'waiting');
  await expect(desktop.offer).toHaveCount(0);

  await hangUp(sim, '1001', call.id);
  await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
  await desktop.acceptOffer('Nora Lind');
  // The server itself put voice NOT_READY "Handling Chat" over REST.
  await expect.poll(() => sim.voice('1001')).toBe(`NOT_READY:${HANDLING_CHAT_REASON_ID}`);
  await expect(desktop.chatState).toHaveAttribute('data-state', 'ACTIVE');

  // An internal call with an active chat does not interrupt (docs/requirements.md, internal-call table).
  const consult = await sim.ring('1001', 'consult', '3002');
  await sim.answer(consult.id);
  await expect.poll(() => sim.voice('1001')).toBe('TALKING');
  await expect(desktop.chatState).toHaveAttribute('data-state', 'ACTIVE');
  await hangUp(sim, '1001', consult.id);

  // Four more chats: BUSY at five, nothing more offered (up to 5 concurrent chats: docs/requirements.md).
  const names = ['Omar Haddad', 'Pia Lund', 'Quinn Ross', 'Rosa Diaz'];
  const more: ApiCustomer[] = [];
  for (const name of names) more.push(await startApiCustomer(stack.chatUrl, name));
  try {
    for (const name of names) await desktop.acceptOffer(name);
    await expect(desktop.chatState).toHaveAttribute('data-state', 'BUSY');
    await expect(desktop.offer).toHaveCount(0);
    expect(await sim.voice('1001')).toBe(`NOT_READY:${HANDLING_CHAT_REASON_ID}`);

    // All chats end → the server restores voice READY.
    for (let open = 5; open > 0; open--) await desktop.endAndCloseChat();
    await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
    await expect.poll(() => sim.voice('1001')).toBe('READY');
  } finally {
    for (const customer of more) customer.close();
  }
});
