import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { LAYOUT_PRESETS, LayoutError, layoutFromEnv, resolveLayout } from './desktopLayout.ts';
import { testSimulator } from './testSupport.ts';

const options = { gadgetUrl: 'http://chat.test:8444/gadget.xml', allowedHosts: ['chat.test:8444'] };

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('desktop layout', () => {
  it('defaults to Home with one chat gadget, as every spec expects', () => {
    expect(resolveLayout(undefined, options)).toEqual([
      {
        id: 'home',
        label: 'Home',
        gadgets: [
          {
            id: '0',
            title: 'Hybrid Chat',
            url: options.gadgetUrl,
            testId: 'desktop.gadget.chat',
            frameName: 'finesse_gadget_0',
            prefs: {},
          },
        ],
      },
    ]);
    expect(resolveLayout('default', options)).toEqual(resolveLayout(undefined, options));
  });

  it('numbers module ids across tabs and gives each copy its own test id and frame name', () => {
    const tabs = resolveLayout(
      {
        tabs: [
          { id: 'home', label: 'Home', gadgets: [{}, { key: 'other', url: 'http://chat.test:8444/x.xml' }] },
          { id: 'more', label: 'More', gadgets: [{ title: 'Second' }, {}] },
        ],
      },
      options,
    );
    const gadgets = tabs.flatMap((tab) => tab.gadgets.map((g) => [tab.id, g.id, g.testId, g.frameName]));
    expect(gadgets).toEqual([
      ['home', '0', 'desktop.gadget.chat', 'finesse_gadget_0'],
      ['home', '1', 'desktop.gadget.other', 'finesse_gadget_1'],
      ['more', '2', 'desktop.gadget.chat.2', 'finesse_gadget_2'],
      ['more', '3', 'desktop.gadget.chat.3', 'finesse_gadget_3'],
    ]);
    expect(tabs[1]?.gadgets[0]?.title).toBe('Second');
    expect(tabs[0]?.gadgets[1]?.url).toBe('http://chat.test:8444/x.xml');
  });

  it('has presets for two copies on two tabs and on one tab', () => {
    const twoTabs = resolveLayout('two-tabs', options);
    expect(twoTabs.map((tab) => [tab.id, tab.gadgets.map((g) => g.testId)])).toEqual([
      ['home', ['desktop.gadget.chat']],
      ['chats', ['desktop.gadget.chat.2']],
    ]);
    const oneTab = resolveLayout('two-on-home', options);
    expect(oneTab).toHaveLength(1);
    expect(oneTab[0]?.gadgets.map((g) => g.id)).toEqual(['0', '1']);
    expect(Object.keys(LAYOUT_PRESETS)).toEqual(['default', 'two-tabs', 'two-on-home']);
  });

  it('refuses gadget URLs outside the allowed gadget hosts, and credentials in them', () => {
    const layout = (url: string) => ({ tabs: [{ id: 'home', label: 'Home', gadgets: [{ url }] }] });
    expect(() => resolveLayout(layout('http://evil.test/gadget.xml'), options)).toThrow(
      /evil\.test is not an allowed gadget host/,
    );
    expect(() => resolveLayout(layout('http://u:p@chat.test:8444/gadget.xml'), options)).toThrow(LayoutError);
    expect(() => resolveLayout(layout('ftp://chat.test:8444/gadget.xml'), options)).toThrow(LayoutError);
    // Hosts compare as the container's fetcher compares them: without regard to case.
    expect(resolveLayout(layout('http://CHAT.test:8444/g.xml'), options)[0]?.gadgets[0]?.url).toBe(
      'http://CHAT.test:8444/g.xml',
    );
  });

  it('says what is wrong with a bad layout', () => {
    const bad = (input: unknown) => () => resolveLayout(input as never, options);
    expect(bad('three-tabs')).toThrow(
      /unknown preset "three-tabs" \(one of default, two-tabs, two-on-home\)/,
    );
    expect(bad({ tabs: [] })).toThrow(/tabs/);
    expect(bad({ tabs: [{ id: 'home', label: 'Home', gadgets: [] }] })).toThrow(/gadgets/);
    expect(bad({ tabs: [{ id: '1x', label: 'Home', gadgets: [{}] }] })).toThrow(/a letter first/);
    expect(
      bad({
        tabs: [
          { id: 'home', label: 'A', gadgets: [{}] },
          { id: 'home', label: 'B', gadgets: [{}] },
        ],
      }),
    ).toThrow(/duplicate tab id/);
    expect(bad({ tabs: [{ id: 'home', label: 'Home', gadgets: [{ height: 3 }] }] })).toThrow(/height/);
    // The container's prefs and the agent's are not the layout's to set.
    const withPrefs = (prefs: object) => bad({ tabs: [{ id: 'home', label: 'Home', gadgets: [{ prefs }] }] });
    expect(withPrefs({ host: 'evil.test' })).toThrow(/set by the container or the desktop/);
    expect(withPrefs({ id: '1002' })).toThrow(/set by the container or the desktop/);
    expect(withPrefs({ 'a b': 'x' })).toThrow(/a pref name is/);
    expect(withPrefs({ server: 'chat2.test:1' })).not.toThrow();
    const error = (() => {
      try {
        bad({ tabs: 'no' })();
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(LayoutError);
    expect((error as LayoutError).code).toBe('INVALID_LAYOUT');
  });

  it('reads SIM_LAYOUT as a preset name or JSON', () => {
    expect(layoutFromEnv(' two-tabs ')).toBe('two-tabs');
    expect(layoutFromEnv('{"tabs":[{"id":"a","label":"A","gadgets":[{}]}]}')).toEqual({
      tabs: [{ id: 'a', label: 'A', gadgets: [{}] }],
    });
    expect(() => layoutFromEnv('{"tabs":')).toThrow(/SIM_LAYOUT is not valid JSON/);
  });

  it('puts the chosen layout in the desktop page, and refuses to start with a bad one', async () => {
    sim = testSimulator({ chatServerUrl: 'http://chat.test:8444', layout: 'two-tabs' });
    const page = await sim.app.inject({ method: 'GET', url: '/desktop/' });
    expect(page.body).toContain('"testId":"desktop.gadget.chat.2"');
    expect(page.body).toContain('"frameName":"finesse_gadget_1"');
    expect(page.body).toContain('"label":"Chats"');
    expect(() =>
      testSimulator({
        chatServerUrl: 'http://chat.test:8444',
        layout: { tabs: [{ id: 'home', label: 'Home', gadgets: [{ url: 'http://other.test/g.xml' }] }] },
      }),
    ).toThrow(LayoutError);
  });
});
