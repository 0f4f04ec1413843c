/**
 * Our gadget on every Finesse release it supports (README, "Finesse versions"): one chat server, one
 * simulator switched from version to version (`/sim/api/finesse-version`), so the gadget meets the
 * finesse.js of that release. On each it signs in, blends voice and chat in `gadget` sync mode
 * (INTERRUPTED during a call, "Handling Chat" on the first chat) and chats. On 10.5 finesse.js has no
 * `Utilities.getAuthHeaderString`; the gadget builds the header itself, and, as Finesse serves finesse.js
 * to gadgets only from 10.6(1), loads the copy README ("Finesse 10.5") has the administrator upload.
 */
import type { Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { startApiCustomer, type ApiCustomer } from './support/apiCustomer.ts';
import { AgentDesktop } from './support/pages.ts';
import { HANDLING_CHAT_REASON_ID, SimApi } from './support/simApi.ts';
import { startStack, type Stack } from './support/stack.ts';

test.describe.configure({ mode: 'serial' });

let stack: Stack;
let sim: SimApi;
test.beforeAll(async () => {
  stack = await startStack();
  sim = new SimApi(stack.simUrl);
});
test.afterAll(async () => {
  await stack?.stop();
});

/** The chat gadget's frame (the container page), once finesse.js has loaded in it. */
async function gadgetFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some((f) => f.url().includes('/gadgets/ifr'))).toBe(true);
  const frame = page.frames().find((f) => f.url().includes('/gadgets/ifr')) as Frame;
  await frame.waitForFunction(() => 'finesse' in window);
  return frame;
}

// A different agent on each version, so nothing one version left behind meets the next.
const VERSIONS = [
  { version: '10.5', release: '10.5(1)', agent: '1001', authHeaderString: false },
  { version: '11.6', release: '11.6(1)', agent: '1002', authHeaderString: true },
  { version: '12.0', release: '12.0(1)', agent: '1003', authHeaderString: true },
  { version: '12.6', release: '12.6(1)', agent: '1005', authHeaderString: true },
] as const;

for (const { version, release, agent, authHeaderString } of VERSIONS) {
  test(`Finesse ${version}: the gadget signs in, blends voice and chat, and chats`, async ({ browser }) => {
    expect(await sim.setFinesseVersion(version)).toMatchObject({ version, release });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const desktop = new AgentDesktop(await context.newPage(), stack.simUrl);
    let customer: ApiCustomer | undefined;
    try {
      await desktop.signIn(agent);
      await expect(desktop.page).toHaveTitle(`Cisco Finesse ${release} (simulated)`);
      const frame = await gadgetFrame(desktop.page);
      const hasAuthHeaderString = await frame.evaluate(() => {
        const utilities = (window as unknown as { finesse: { utilities: { Utilities: object } } }).finesse
          .utilities.Utilities;
        return 'getAuthHeaderString' in utilities;
      });
      expect(hasAuthHeaderString, 'Utilities.getAuthHeaderString in this finesse.js').toBe(authHeaderString);
      // Finesse serves finesse.js to gadgets from 10.6(1); on 10.5 the gadget loads the administrator's upload.
      const loaded = await frame.evaluate(() =>
        performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname),
      );
      expect(loaded.includes('/3rdpartygadget/files/hybrid-chat/finesse.js'), 'the uploaded finesse.js').toBe(
        version === '10.5',
      );

      // Ready for voice and chat; a ringing call interrupts chat, and the chat that comes in
      // meanwhile waits for the call to end.
      await expect(desktop.chatState).toBeVisible();
      await desktop.goVoiceReady();
      await expect.poll(() => sim.voice(agent)).toBe('READY');
      await desktop.goReadyForChat();
      await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
      const call = await sim.ring(agent, 'inbound', '+14155550100');
      await expect(desktop.voiceState).toHaveText('RESERVED');
      await expect(desktop.chatState).toHaveAttribute('data-state', 'INTERRUPTED');
      customer = await startApiCustomer(stack.chatUrl, `Customer on ${version}`);
      await expect.poll(() => customer?.statuses().at(-1)).toBe('queued');
      await expect(desktop.offer).toHaveCount(0);
      await sim.end(call.id);
      await expect.poll(() => sim.voice(agent)).toBe('READY');

      // The first chat: accepted, voice goes to Not Ready "Handling Chat" (media blending).
      await desktop.acceptOffer(customer.name);
      await expect.poll(() => customer?.statuses().at(-1)).toBe('active');
      await expect(desktop.chatState).toHaveAttribute('data-state', 'ACTIVE');
      await expect.poll(() => sim.voice(agent)).toBe(`NOT_READY:${HANDLING_CHAT_REASON_ID}`);
      await expect(desktop.voiceState).toHaveText('NOT_READY');

      await customer.send(`Hello from ${version}`);
      await expect(desktop.textMessages().last()).toContainText(`Hello from ${version}`);
      await desktop.send(`Answer on ${release}`);
      await expect.poll(() => customer?.received()).toContain(`Answer on ${release}`);

      // The last chat ends: voice is restored; the agent leaves chat so no later offer reaches it.
      await desktop.endChat();
      await expect.poll(() => sim.voice(agent)).toBe('READY');
      await desktop.gadget.getByTestId('gadget.notReady').click();
      await expect(desktop.chatState).toHaveAttribute('data-state', 'NOT_READY');
    } finally {
      customer?.close();
      await context.close();
    }
  });
}

test('Finesse 12.6: reloadMyGadgetFromUrl loads the gadget again from the spec URL it names', async ({
  browser,
}) => {
  await sim.setFinesseVersion('12.6');
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const desktop = new AgentDesktop(await context.newPage(), stack.simUrl);
  try {
    await desktop.signIn('1004');
    await expect(desktop.chatState).toBeVisible();
    const frame = await gadgetFrame(desktop.page);
    const specUrl = `${stack.chatUrl}/gadget.xml?reloaded=1`;
    await frame.evaluate((url) => {
      const { finesse } = window as unknown as {
        finesse: { containerservices: { ContainerServices: { reloadMyGadgetFromUrl(u: string): void } } };
      };
      finesse.containerservices.ContainerServices.reloadMyGadgetFromUrl(url);
    }, specUrl);
    const iframe = desktop.page.getByTestId('desktop.gadget.chat');
    await expect
      .poll(async () =>
        new URL((await iframe.getAttribute('src')) ?? '', stack.simUrl).searchParams.get('url'),
      )
      .toBe(specUrl);
    // The frame now shows the container page for the new spec URL…
    await expect
      .poll(() => desktop.page.frames().some((f) => new URL(f.url()).searchParams.get('url') === specUrl))
      .toBe(true);
    // …and the same gadget from it starts again and signs the agent in to chat.
    await expect(desktop.chatState).toBeVisible();
    await expect(desktop.gadget.getByTestId('gadget.ready')).toBeVisible();
  } finally {
    await context.close();
  }
});
