// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CannedMessage } from '../../../sdk/index.ts';
import { createDraftStore } from '../../drafts.ts';
import { activeChat, chatViewElement } from '../../testing/chatView.tsx';
import { renderGadget } from '../../testing/render.tsx';
import { matchCanned, shortcodeAt } from './useCannedCompletion.ts';

afterEach(cleanup);

const chat = activeChat();

const canned: CannedMessage[] = [
  {
    shortcode: 'greet',
    title: 'Greeting',
    titles: { en: 'Greeting', ar: 'تحية' },
    text: 'Hello {customerName}, I am {agentName}.',
    queues: [],
  },
  { shortcode: 'goodbye', title: 'Closing', text: 'Bye {customerName}!', queues: [] },
  { shortcode: 'gift', title: 'Sales only', text: 'A gift for you.', queues: ['sales'] },
  { shortcode: 'refund', title: 'Refund', text: 'Refunds take 5 days.', queues: ['billing'] },
];

function setup() {
  const onSend = vi.fn();
  renderGadget(
    chatViewElement(chat, {
      onSend,
      desk: { canned, drafts: createDraftStore(null), agentName: 'Grace Hopper' },
    }),
  );
  const box = screen.getByTestId('gadget.composer') as HTMLTextAreaElement;
  return { onSend, box, user: userEvent.setup() };
}

describe('shortcode matching', () => {
  it('finds a /token at the start or after a space, before the caret', () => {
    expect(shortcodeAt('/gr', 3)).toEqual({ start: 0, query: 'gr' });
    expect(shortcodeAt('Hi /Re', 6)).toEqual({ start: 3, query: 're' });
    expect(shortcodeAt('and/or', 6)).toBeNull();
    expect(shortcodeAt('/greet now', 10)).toBeNull();
    expect(matchCanned(canned, 'g').map((m) => m.shortcode)).toEqual(['greet', 'goodbye', 'gift']);
    expect(matchCanned(canned, 'clos').map((m) => m.shortcode)).toEqual(['goodbye']);
  });
});

describe('/shortcode completion in the reply box', () => {
  it('opens a listbox for the chat’s queue, moves with the arrows and inserts with Enter, filled in', async () => {
    const { box, user, onSend } = setup();
    expect(box.getAttribute('aria-autocomplete')).toBe('list');
    expect(box.getAttribute('aria-controls')).toBeNull();
    await user.click(box);
    await user.keyboard('/g');
    const list = screen.getByRole('listbox', { name: 'Canned messages' });
    expect(screen.getByRole('status').textContent).toContain('Enter or Tab insert');
    expect(box.getAttribute('aria-controls')).toBe(list.id);
    // `gift` is for another queue.
    const options = screen.getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      '/greetGreetingHello Ada, I am Grace Hopper.',
      '/goodbyeClosingBye Ada!',
    ]);
    expect(box.getAttribute('aria-activedescendant')).toBe(options[0]?.id);
    await user.keyboard('{ArrowDown}');
    expect(options[1]?.getAttribute('aria-selected')).toBe('true');
    expect(box.getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    await user.keyboard('{ArrowDown}');
    expect(options[0]?.getAttribute('aria-selected')).toBe('true');
    await user.keyboard('{ArrowUp}{Enter}');
    // Enter inserted: nothing was sent, the list is gone, the caret is after the text.
    expect(onSend).not.toHaveBeenCalled();
    expect(box.value).toBe('Bye Ada!');
    expect(box.selectionStart).toBe(8);
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.keyboard('{Enter}');
    expect(onSend).toHaveBeenCalledWith('Bye Ada!');
  });

  it('inserts with Tab in the middle of a text, and Escape closes only the list', async () => {
    const { box, user } = setup();
    await user.click(box);
    await user.keyboard('Sure. /ref');
    expect(screen.getAllByRole('option')).toHaveLength(1);
    await user.keyboard('{Tab}');
    expect(box.value).toBe('Sure. Refunds take 5 days.');
    expect(document.activeElement).toBe(box);

    await user.keyboard(' /gre');
    expect(screen.getByRole('listbox')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('listbox')).toBeNull();
    expect(box.value).toBe('Sure. Refunds take 5 days. /gre');
    // Typing on opens it again.
    await user.keyboard('e');
    expect(screen.getAllByRole('option')).toHaveLength(1);
  });

  it('shows no list when nothing matches, and a click inserts too', async () => {
    const { box, user } = setup();
    await user.click(box);
    await user.keyboard('/zzz');
    expect(screen.queryByRole('listbox')).toBeNull();
    await user.keyboard('{Backspace}{Backspace}{Backspace}gre');
    await user.click(screen.getByRole('option'));
    expect(box.value).toBe('Hello Ada, I am Grace Hopper.');
  });
});

describe('canned titles per language', () => {
  it("shows a title in the agent's language, else the English one", async () => {
    renderGadget(
      chatViewElement(chat, { desk: { canned, drafts: createDraftStore(null), agentName: 'Grace Hopper' } }),
      'ar',
    );
    const user = userEvent.setup();
    await user.type(screen.getByTestId('gadget.composer'), '/g');
    const titles = screen
      .getAllByRole('option')
      .map((option) => option.querySelector('.hc-canned__title')?.textContent);
    expect(titles).toEqual(['تحية', 'Closing']);
  });

  it('matches a title in any of its languages', () => {
    expect(matchCanned(canned, 'تحية').map((message) => message.shortcode)).toEqual(['greet']);
  });
});
