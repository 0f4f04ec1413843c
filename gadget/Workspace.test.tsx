// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AgentStatus, ChatOffer } from '../sdk/index.ts';
import { GadgetProvider } from './stores/gadgetContext.tsx';
import { chatSummary, chatView, customerMessage, fakeGadget } from './testing/fakeServices.tsx';
import { renderGadget } from './testing/render.tsx';
import { resetColourEmojiCheck } from '../ui/EmojiPicker/emojiSupport.ts';
import { Workspace } from './Workspace.tsx';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const ready: AgentStatus = { state: 'READY', requested: 'READY', reason: null, activeChats: 0, maxChats: 5 };
const NOW = Date.now();
const chats = [
  chatSummary('a', 'Ada', NOW - 3000),
  chatSummary('b', 'Bruno', NOW - 2000),
  chatSummary('c', 'Chen', NOW - 1000),
];
const offer: ChatOffer = {
  chatId: 'chat-9',
  customer: { id: 'c-9', name: 'Dana' },
  queue: 'support',
  preChat: { name: 'Dana', email: 'dana@example.com' },
  offeredAt: NOW,
  expiresAt: NOW + 20_000,
};

function mount(gadget: ReturnType<typeof fakeGadget>, language = 'en') {
  const ui: ReactElement = (
    <GadgetProvider services={gadget.services}>
      <Workspace />
    </GadgetProvider>
  );
  return renderGadget(ui, language);
}

function withThreeChats() {
  const gadget = fakeGadget({
    'offer:accept': () => ({ chat: chatSummary('chat-9', 'Dana', NOW), messages: [] }),
  });
  mount(gadget);
  gadget.emit('agent:status', ready);
  gadget.setChats(chats.map((chat) => chatView(chat)));
  return gadget;
}

const selectedTab = () => screen.getByRole('tab', { selected: true });

describe('Workspace keyboard shortcuts', () => {
  it('Alt+2 shows the second chat and puts the cursor in its reply box; Ctrl+] and Ctrl+[ step through', async () => {
    const user = userEvent.setup();
    withThreeChats();
    expect(selectedTab().textContent).toContain('Ada');
    await user.keyboard('{Alt>}2{/Alt}');
    expect(selectedTab().textContent).toContain('Bruno');
    expect(document.activeElement).toBe(screen.getByTestId('gadget.composer'));
    await user.keyboard('{Control>}]{/Control}');
    expect(selectedTab().textContent).toContain('Chen');
    await user.keyboard('{Control>}]{/Control}');
    expect(selectedTab().textContent).toContain('Ada');
    await user.keyboard('{Control>}[[{/Control}');
    expect(selectedTab().textContent).toContain('Chen');
    // Nothing at position 5: the keys are left to the browser.
    const event = fireEvent.keyDown(document.activeElement ?? document.body, {
      code: 'Digit5',
      altKey: true,
    });
    expect(event).toBe(true);
  });

  it('Alt+A accepts the incoming chat', async () => {
    const user = userEvent.setup();
    const gadget = withThreeChats();
    gadget.emit('offer:new', offer);
    expect(screen.getByTestId('gadget.offer')).toBeTruthy();
    await user.keyboard('{Alt>}a{/Alt}');
    expect(gadget.request).toHaveBeenCalledWith('offer:accept', { chatId: 'chat-9' });
  });
});

describe('Workspace announcements and notices', () => {
  it('announces an offer assertively, with the key that accepts it', () => {
    const gadget = withThreeChats();
    gadget.emit('offer:new', offer);
    expect(screen.getByTestId('gadget.announce.assertive').textContent).toBe(
      'Incoming chat from Dana in support. Press Alt+A to accept.',
    );
    expect(screen.getByTestId('gadget.offer').textContent).toContain('Alt+A accepts');
  });

  it('clears the offer announcement once the offer is accepted', async () => {
    const user = userEvent.setup();
    const gadget = withThreeChats();
    gadget.emit('offer:new', offer);
    expect(screen.getByTestId('gadget.announce.assertive').textContent).toContain('Alt+A');
    await user.keyboard('{Alt>}a{/Alt}');
    await vi.waitFor(() => expect(screen.queryByTestId('gadget.offer')).toBeNull());
    expect(screen.getByTestId('gadget.announce.assertive').textContent).toBe('');
  });

  it('names its region without repeating the desktop\'s "Hybrid Chat" title on screen', () => {
    withThreeChats();
    expect(screen.getByRole('main', { name: 'Hybrid Chat' })).toBeTruthy();
    const title = screen.getByRole('heading', { level: 1, name: 'Hybrid Chat' });
    expect(title.classList.contains('ui-sr-only')).toBe(true);
  });

  it('announces politely a message in a chat the agent is not looking at, and badges its tab', () => {
    const gadget = withThreeChats();
    const [ada, bruno] = chats;
    if (!ada || !bruno) throw new Error('fixtures');
    gadget.setChats([
      chatView(ada),
      chatView(bruno, [customerMessage(bruno, 1, 'Hello?', NOW)]),
      chatView(chats[2] ?? ada),
    ]);
    expect(screen.getByTestId('gadget.announce.polite').textContent).toBe('New message from Bruno');
    const brunoTab = screen.getAllByRole('tab')[1];
    expect(within(brunoTab as HTMLElement).getByTestId('gadget.chatTab.unread').textContent).toContain('1');
  });

  it('after a missed offer, says why the state changed and goes ready again from the notice', async () => {
    const user = userEvent.setup();
    const gadget = fakeGadget({ 'agent:setState': () => ({ status: ready }) });
    mount(gadget);
    gadget.emit('agent:status', ready);
    gadget.emit('offer:new', offer);
    gadget.emit('offer:revoked', { chatId: 'chat-9', reason: 'timeout' });
    gadget.emit('agent:status', {
      ...ready,
      state: 'NOT_READY',
      requested: 'NOT_READY',
      reason: 'offer-missed',
    });
    const notice = screen.getByTestId('gadget.notice');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('The chat from Dana was not answered in time');
    await user.click(within(notice).getByRole('button', { name: 'Ready for chat again' }));
    expect(gadget.request).toHaveBeenCalledWith('agent:setState', { state: 'READY' });
    expect(screen.queryByTestId('gadget.notice')).toBeNull();
  });
});

describe('Workspace languages and copies', () => {
  it('follows an Arabic Finesse locale: right to left, Arabic words', () => {
    const gadget = fakeGadget();
    mount(gadget, 'ar');
    gadget.emit('agent:status', ready);
    const root = screen.getByTestId('gadget.root');
    expect(root.getAttribute('dir')).toBe('rtl');
    expect(root.getAttribute('lang')).toBe('ar');
    expect(screen.getByTestId('gadget.empty').textContent).toContain('أنت جاهز.');
  });

  it('two copies in one page keep their own chats, selection and settings', async () => {
    const user = userEvent.setup();
    const first = fakeGadget();
    const second = fakeGadget();
    mount(first);
    mount(second);
    first.setChats(chats.map((chat) => chatView(chat)));
    second.setChats([chatView(chatSummary('z', 'Zoë', NOW))]);
    const [rootA, rootB] = screen.getAllByTestId('gadget.root') as [HTMLElement, HTMLElement];
    within(rootA).getAllByRole('tab')[0]?.focus();
    await user.keyboard('{Alt>}3{/Alt}');
    expect(first.store.getState().selectedChatId).toBe('c');
    expect(second.store.getState().selectedChatId).toBeNull();
    expect(within(rootB).getByRole('tab', { selected: true }).textContent).toContain('Zoë');
    act(() => first.store.getState().updateSettings({ autoAccept: true }));
    expect(second.store.getState().settings.autoAccept).toBe(false);
  });
});

describe('Workspace header panels', () => {
  it('opens the shortcuts list and settings from the header; Escape closes and returns focus', async () => {
    const user = userEvent.setup();
    const gadget = fakeGadget();
    mount(gadget);
    gadget.emit('agent:status', ready);
    const toggle = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const list = screen.getByTestId('gadget.shortcuts.list');
    expect(list.textContent).toContain('Alt+1…Alt+5');
    expect(list.textContent).toContain('Ctrl+]');
    expect(document.activeElement).toBe(screen.getByTestId('gadget.shortcuts'));
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('gadget.shortcuts')).toBeNull();
    expect(document.activeElement).toBe(toggle);

    await user.click(screen.getByRole('button', { name: 'Chat settings' }));
    await user.click(screen.getByRole('switch', { name: 'Accept new chats automatically' }));
    expect(gadget.store.getState().settings.autoAccept).toBe(true);
  });
});

describe('Workspace icon buttons', () => {
  afterEach(() => resetColourEmojiCheck());

  it('names every button that shows only an icon, with a tooltip too; the emoji button is a drawing', () => {
    withThreeChats();
    const iconOnly = screen.getAllByRole('button').filter((button) => !button.textContent?.trim());
    expect(iconOnly.map((button) => button.dataset['testid'])).toEqual(
      expect.arrayContaining(['gadget.shortcuts.toggle', 'gadget.settings.toggle', 'gadget.emoji']),
    );
    for (const button of iconOnly) {
      expect(button.getAttribute('aria-label')?.trim()).toBeTruthy();
      expect(button.getAttribute('title')).toBe(button.getAttribute('aria-label'));
    }
    expect(screen.getByTestId('gadget.emoji').querySelector('svg')).toBeTruthy();
  });

  it('offers emoji by short name where the system cannot draw colour emoji', async () => {
    resetColourEmojiCheck(false);
    const user = userEvent.setup();
    withThreeChats();
    await user.click(screen.getByTestId('gadget.emoji'));
    const panel = screen.getByTestId('gadget.emoji.panel');
    expect(panel.textContent).toContain(':+1:');
    await user.click(within(panel).getByRole('button', { name: '👍' }));
    expect((screen.getByTestId('gadget.composer') as HTMLTextAreaElement).value).toBe('👍');
  });
});
