import { describe, expect, it } from 'vitest';
import { activeTabAudience, createDesktopTabs } from './desktop/desktopTabs.ts';
import { simulatorPerTest } from './jsdomPage.ts';

const each = simulatorPerTest();

describe('desktop tabs', () => {
  it('shows one tab at a time, starting with the first, and tells the listener what changed', () => {
    const switches: Array<[string, string]> = [];
    const tabs = createDesktopTabs(['home', 'chats', 'more'], (shown, hidden) =>
      switches.push([shown, hidden]),
    );
    expect(tabs.active()).toBe('home');
    expect(tabs.show('chats')).toBe(true);
    expect(tabs.active()).toBe('chats');
    // The tab already on show, or one the layout does not have: nothing happens.
    expect(tabs.show('chats')).toBe(false);
    expect(tabs.show('nope')).toBe(false);
    expect(tabs.show('home')).toBe(true);
    expect(switches).toEqual([
      ['chats', 'home'],
      ['home', 'chats'],
    ]);
    expect(tabs.neighbour('home', 1)).toBe('chats');
    expect(tabs.neighbour('home', -1)).toBe('more');
    expect(tabs.neighbour('more', 1)).toBe('home');
  });

  it('publishes ACTIVE_TAB to the gadgets of the shown tab only', () => {
    const hosted = [
      { name: 'a', tab: { id: 'home' } },
      { name: 'b', tab: { id: 'chats' } },
      { name: 'c', tab: { id: 'chats' } },
    ];
    expect(activeTabAudience(hosted, 'chats').map((g) => g.name)).toEqual(['b', 'c']);
    expect(activeTabAudience(hosted, 'home').map((g) => g.name)).toEqual(['a']);
    expect(activeTabAudience(hosted, 'gone')).toEqual([]);
  });
});

/** A gadget page running the served gadgets runtime inside a fake desktop frame. */
async function gadgetPage(frameVisible: () => boolean, contentBottom: number) {
  each.start();
  const posted: unknown[] = [];
  const w = await each.page(
    'http://sim.test/gadgets/ifr?url=x&tabId=chats&mid=1',
    ['/gadgets/js/gadgets.js'],
    (window) => {
      Object.defineProperty(window, 'parent', {
        value: { postMessage: (message: unknown) => posted.push(message) },
        configurable: true,
      });
      // The iframe element as the desktop styles it: hidden while its tab is not on show.
      Object.defineProperty(window, 'frameElement', {
        value: { checkVisibility: () => frameVisible() },
        configurable: true,
      });
      // jsdom lays nothing out: the content is as tall as the test says.
      window.document.body.getBoundingClientRect = () => ({ bottom: contentBottom }) as DOMRect;
    },
  );
  const gadgets = (w as unknown as { gadgets: { window: { adjustHeight(h?: number): void } } }).gadgets;
  const heights = () =>
    posted
      .filter((m) => (m as { type?: string }).type === 'adjustHeight')
      .map((m) => (m as { height: number }).height);
  return { adjustHeight: gadgets.window.adjustHeight, heights };
}

describe('gadgets.window.adjustHeight on a hidden tab', () => {
  it('measures 0 while the tab is hidden, so the frame keeps its height, and the content once shown', async () => {
    let visible = false;
    const { adjustHeight, heights } = await gadgetPage(() => visible, 412.3);
    adjustHeight();
    expect(heights()).toEqual([]);
    visible = true;
    adjustHeight();
    expect(heights()).toEqual([413]);
  });

  it('still sends a height the gadget names itself, as Shindig does', async () => {
    const { adjustHeight, heights } = await gadgetPage(() => false, 100);
    adjustHeight(250);
    adjustHeight(0);
    expect(heights()).toEqual([250]);
  });
});
