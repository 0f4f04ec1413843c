/**
 * A third-party gadget, written as Cisco's documentation shows one (simulator/samples/sample-gadget:
 * relative JS and CSS, finesse.js and jQuery from the Finesse server through __UP_scheme__,
 * __UP_host__ and __UP_hostPort__, jQuery DOM code), runs unmodified beside the chat gadget in a
 * two-gadget layout. Its REST calls go through the container's server-side makeRequest and its
 * notifications through the OpenAjax hub, both as Cisco's library would use them.
 */
import { resolve } from 'node:path';
import { expect, screenshot, test } from './fixtures.ts';

const SAMPLE_PATH = '/samples/sample-gadget/SampleGadget.xml';
const STAND_IN_FINESSE_JS = resolve(import.meta.dirname, 'support/standInFinesse.js');

/** Home with the given gadgets; `sample` is the sample gadget on the simulator's own address. */
function layoutEnv(simUrl: string, withChat: boolean): Record<string, string> {
  const sample = { url: `${simUrl}${SAMPLE_PATH}`, key: 'sample', title: 'Sample Gadget' };
  return {
    SIM_GADGET_HOSTS: new URL(simUrl).host,
    SIM_LAYOUT: JSON.stringify({
      tabs: [{ id: 'home', label: 'Home', gadgets: withChat ? [{}, sample] : [sample] }],
    }),
  };
}

test.describe.configure({ mode: 'serial' });

test.describe('beside the chat gadget, with the simulator’s finesse.js', () => {
  test.use({ stackOptions: { simEnv: ({ simUrl }) => layoutEnv(simUrl, true) } });

  test('the sample gadget shows the agent, changes state both ways, sees a ringing call and places one both gadgets see', async ({
    desktop,
    sim,
  }) => {
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
  });
});

/**
 * SIM_FINESSE_JS: every gadget gets another finesse.js. A stand-in written the way Cisco's library
 * works (support/standInFinesse.js: credentials from sessionStorage, the OpenAjax hub, REST through
 * gadgets.io.makeRequest) drives the same unmodified sample gadget. The chat gadget is left out:
 * it needs the simulator's library surface, which the stand-in does not have.
 */
test.describe('with SIM_FINESSE_JS, a library that uses only the hub and makeRequest', () => {
  test.use({
    stackOptions: {
      simEnv: ({ simUrl }) => ({ ...layoutEnv(simUrl, false), SIM_FINESSE_JS: STAND_IN_FINESSE_JS }),
    },
  });

  test('the sample gadget shows the agent, goes Ready, sees a ringing call and places one', async ({
    desktop,
    sim,
  }) => {
    const { page } = desktop;
    const sample = page.frameLocator('[data-testid="desktop.gadget.sample"]');
    const framePaths: string[] = [];
    page.on('request', (request) => {
      if (request.frame() !== page.mainFrame()) framePaths.push(new URL(request.url()).pathname);
    });
    await desktop.signIn('1001');
    await expect(sample.locator('#agentName')).toHaveText('María González');
    await expect(sample.locator('#agentState')).toHaveText('NOT_READY');

    await sample.getByRole('button', { name: 'Ready', exact: true }).click();
    await expect.poll(() => sim.voice('1001')).toBe('READY');
    await expect(sample.locator('#agentState')).toHaveText('READY'); // a notification, through the hub

    const call = await sim.ring('1001', 'inbound');
    const info = sample.locator('#callInfo');
    await expect(info).toHaveAttribute('data-dialog-id', call.id);
    await expect(info).toHaveAttribute('data-state', 'ALERTING');
    await sim.end(call.id);
    await expect(info).toHaveText('No call');

    await sample.getByLabel('Number').fill('5551234');
    await sample.getByRole('button', { name: 'Make Call' }).click();
    await expect(info).toHaveAttribute('data-state', 'ALERTING');

    // It was the stand-in: REST only through the container's makeRequest, on restHost:localhostPort.
    const frame = page.frame({ name: 'finesse_gadget_0' });
    const seen = (await frame?.evaluate(
      () => (window as unknown as { standInFinesse: object }).standInFinesse,
    )) as {
      requests: string[];
      topics: string[];
    };
    const port = new URL(desktop.simUrl).port;
    expect(seen.requests).toContain(`GET http://127.0.0.1:${port}/finesse/api/User/1001`);
    expect(seen.requests).toContain(`POST http://127.0.0.1:${port}/finesse/api/User/1001/Dialogs`);
    expect(seen.topics).toEqual(
      expect.arrayContaining(['finesse.api.User.1001', 'finesse.api.User.1001.Dialogs']),
    );
    expect(framePaths).toContain('/gadgets/makeRequest');
    expect(framePaths.filter((path) => path.startsWith('/finesse/api'))).toEqual([]);
  });
});
