/**
 * SSO in `gadget` sync mode: the agent signs in to the (simulated) Finesse desktop through the IdP,
 * the gadget signs in to the chat server with the desktop's Bearer token by itself, and media
 * blending works as with a password: the first chat puts voice in NOT_READY "Handling Chat".
 */
import { expect, test } from './fixtures.ts';
import { HANDLING_CHAT_REASON_ID } from './support/simApi.ts';

test.use({ stackOptions: { simEnv: { SIM_AUTH_MODE: 'SSO' } } });

test('an SSO agent is signed in to chat by the gadget (Bearer) and blending sets Handling Chat', async ({
  customer,
  desktop,
  sim,
}) => {
  const signIns: string[] = [];
  desktop.page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/agent/session')) {
      const body = request.postDataJSON() as { authorization?: string } | null;
      signIns.push(body?.authorization?.split(' ')[0] ?? '');
    }
  });

  await desktop.signInSso('1001');
  // Auto-login: no chat sign-in form, the gadget shows the agent's chat state.
  await expect(desktop.chatState).toBeVisible();
  await expect(desktop.chatState).toHaveAttribute('data-state', 'NOT_READY');
  expect(signIns).toEqual(['Bearer']);

  await desktop.goVoiceReady();
  await expect.poll(() => sim.voice('1001')).toBe('READY');
  await desktop.goReadyForChat();
  await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');

  await customer.open();
  await customer.startChat('Hana Sato');
  await desktop.acceptOffer('Hana Sato');
  await expect(customer.status).toHaveAttribute('data-status', 'active');
  await expect(desktop.chatState).toHaveAttribute('data-state', 'ACTIVE');

  // The gadget applied blending's voice change with the SSO token.
  await expect.poll(() => sim.voice('1001')).toBe(`NOT_READY:${HANDLING_CHAT_REASON_ID}`);
  expect((await sim.user('1001')).reasonCodeLabel).toBe('Handling Chat');
  await expect(desktop.voiceState).toHaveText('NOT_READY');

  await customer.send('Hello from SSO land');
  await expect(desktop.textMessages().last()).toContainText('Hello from SSO land');
  await desktop.endChat();
  await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
  await expect.poll(() => sim.voice('1001')).toBe('READY');
});
