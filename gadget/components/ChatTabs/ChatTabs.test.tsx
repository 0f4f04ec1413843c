// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderGadget } from '../../testing/render.tsx';
import { ChatTabs, type ChatTabInfo } from './ChatTabs.tsx';

afterEach(cleanup);

const NOW = 1_000_000;
const TABS: ChatTabInfo[] = [
  { chatId: 'a', name: 'Ada', unread: 0, waitingSince: NOW - 45_000, ended: false },
  { chatId: 'b', name: 'Bruno', unread: 2, waitingSince: NOW - 90_000, ended: false },
  { chatId: 'c', name: 'Chen', unread: 0, waitingSince: null, ended: true },
];

function Tabs({ initial = 'a' }: { initial?: string }) {
  const [selected, setSelected] = useState(initial);
  return (
    <ChatTabs
      tabs={TABS}
      selectedId={selected}
      onSelect={setSelected}
      now={NOW}
      tabId={(id) => `tab-${id}`}
      panelId={(id) => `panel-${id}`}
      shortcut={(index) => ({ label: `Alt+${index + 1}`, aria: `Alt+${index + 1}` })}
    />
  );
}

const selectedName = () =>
  screen.getByRole('tab', { selected: true }).querySelector('.hc-tab__name')?.textContent;

describe('ChatTabs', () => {
  it('is one tab stop: only the selected tab is focusable and points at its panel', () => {
    renderGadget(<Tabs />);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
    expect(tabs.map((tab) => tab.getAttribute('aria-controls'))).toEqual(['panel-a', null, null]);
    expect(tabs[0]?.getAttribute('aria-keyshortcuts')).toBe('Alt+1');
    expect(tabs[1]?.title).toBe('Shortcut: Alt+2');
  });

  it('moves with the arrow keys, wraps around, and jumps with Home and End', async () => {
    const user = userEvent.setup();
    renderGadget(<Tabs />);
    await user.tab();
    expect(document.activeElement?.id).toBe('tab-a');
    await user.keyboard('{ArrowRight}');
    expect(selectedName()).toBe('Bruno');
    expect(document.activeElement?.id).toBe('tab-b');
    await user.keyboard('{ArrowRight}{ArrowRight}');
    expect(selectedName()).toBe('Ada');
    await user.keyboard('{ArrowLeft}');
    expect(selectedName()).toBe('Chen');
    await user.keyboard('{Home}');
    expect(selectedName()).toBe('Ada');
    await user.keyboard('{End}');
    expect(document.activeElement?.id).toBe('tab-c');
  });

  it('mirrors the arrows in right-to-left languages', async () => {
    const user = userEvent.setup();
    renderGadget(<Tabs />, 'ar');
    await user.tab();
    await user.keyboard('{ArrowLeft}');
    expect(selectedName()).toBe('Bruno');
    await user.keyboard('{ArrowRight}');
    expect(selectedName()).toBe('Ada');
  });

  it('shows unread messages, how long the customer waits, and ended chats', () => {
    renderGadget(<Tabs />);
    const [ada, bruno, chen] = screen.getAllByRole('tab');
    expect(bruno?.querySelector('[data-testid="gadget.chatTab.unread"]')?.textContent).toBe(
      '22 unread messages',
    );
    expect(ada?.querySelector('[data-testid="gadget.chatTab.unread"]')).toBeNull();
    expect(ada?.textContent).toContain('waiting 45 s');
    const late = bruno?.querySelector('[data-testid="gadget.chatTab.waiting"]');
    expect(late?.className).toContain('hc-tab__meta--late');
    expect(late?.textContent).toContain('Customer waiting for a reply for 1 min');
    expect(chen?.textContent).toContain('ended');
  });
});
