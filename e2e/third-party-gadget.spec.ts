/**
 * A third-party gadget, written as Cisco's documentation shows one (simulator/samples/sample-gadget:
 * relative JS and CSS, finesse.js and jQuery from the Finesse server through __UP_scheme__,
 * __UP_host__ and __UP_hostPort__, jQuery DOM code), runs unmodified beside the chat gadget in a
 * two-gadget layout. Its REST calls go through the container's server-side makeRequest and its
 * notifications through the OpenAjax hub, both as Cisco's library would use them.
 */
import { expect, screenshot, test } from './fixtures.ts';

const SAMPLE_PATH = '/samples/sample-gadget/SampleGadget.xml';

test.describe.configure({ mode: 'serial' });
test.use({
  stackOptions: {
    simEnv: ({ simUrl }) => ({
      SIM_GADGET_HOSTS: new URL(simUrl).host,
      SIM_LAYOUT: JSON.stringify({
        tabs: [
          {
            id: 'home',
            label: 'Home',
            gadgets: [{}, { url: `${simUrl}${SAMPLE_PATH}`, key: 'sample', title: 'Sample Gadget' }],
          },
        ],
      }),
    }),
  },
});

test('the sample gadget shows the agent, changes state both ways, sees a ringing call and places one both gadgets see', async ({
  desktop,
  sim,
}) => {
  const started = Date.now();
  const { page } = desktop;
  const sample = page.frameLocator('[data-testid="desktop.gadget.sample"]');
  const gadgetRequests: string[] = [];
  page.on('request', (request) => {
    if (request.frame() !== page.mainFrame()) gadgetRequests.push(new URL(request.url()).pathname);
  });

  await test.step('both gadgets load; the sample shows the agent', async () => {
    await desktop.signIn('1001');
    await expect(sample.locator('#agentName')).toHaveText('María González');
    await expect(sample.locator('#agentExtension')).toHaveText('3001');
    await expect(sample.locator('#agentState')).toHaveText('NOT_READY');
    await expect(desktop.chatState).toBeVisible();
    // Its own files relative to its XML; Cisco's library and jQuery from the Finesse server.
    expect(gadgetRequests).toEqual(
      expect.arrayContaining([
        '/samples/sample-gadget/SampleGadget.css',
        '/samples/sample-gadget/SampleGadget.js',
        '/desktop/assets/js/jquery.min.js',
        '/desktop/assets/js/finesse.js',
      ]),
    );
  });

  await test.step('Ready and Not Ready from the sample gadget, verified over REST', async () => {
    await sample.getByRole('button', { name: 'Ready', exact: true }).click();
    await expect.poll(() => sim.voice('1001')).toBe('READY');
    await expect(sample.locator('#agentState')).toHaveText('READY');
    await expect(desktop.voiceState).toHaveText('READY');
    await sample.getByRole('button', { name: 'Not Ready' }).click();
    await expect.poll(() => sim.voice('1001')).toMatch(/^NOT_READY:\d+$/);
    await expect(sample.locator('#agentState')).toHaveText('NOT_READY');
    await sample.getByRole('button', { name: 'Ready', exact: true }).click();
    await expect.poll(() => sim.voice('1001')).toBe('READY');
  });

  await desktop.goReadyForChat();

  await test.step('an inbound call rings: the sample gadget gets its dialog, chat is interrupted', async () => {
    const call = await sim.ring('1001', 'inbound');
    const info = sample.locator('#callInfo');
    await expect(info).toHaveAttribute('data-dialog-id', call.id);
    await expect(info).toHaveAttribute('data-state', 'ALERTING');
    await expect(desktop.chatState).toHaveAttribute('data-state', 'INTERRUPTED');
    await sim.end(call.id);
    await expect(info).toHaveText('No call');
    await expect(desktop.chatState).toHaveAttribute('data-state', 'READY');
  });

  await test.step('Make Call from the sample gadget: both gadgets see the call', async () => {
    await sample.getByLabel('Number').fill('5551234');
    await sample.getByRole('button', { name: 'Make Call' }).click();
    const info = sample.locator('#callInfo');
    await expect(info).toHaveAttribute('data-state', 'ALERTING');
    await expect(info).toContainText('3001 → 5551234');
    const [dialogId] = (await sim.user('1001')).dialogs;
    expect(dialogId).toBeDefined();
    await expect(info).toHaveAttribute('data-dialog-id', String(dialogId));
    await sim.connect(String(dialogId));
    await expect(info).toHaveAttribute('data-state', 'ACTIVE');
    await expect.poll(() => sim.voice('1001')).toBe('TALKING');
    await expect(desktop.chatState).toHaveAttribute('data-state', 'INTERRUPTED');
    await screenshot(page, 'third-party-gadget');
    await sim.end(String(dialogId));
    await expect(info).toHaveText('No call');
  });

  console.log(`third-party gadget spec: ${Date.now() - started} ms in the test`);
});
