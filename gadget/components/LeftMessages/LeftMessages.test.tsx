// @vitest-environment jsdom
/**
 * The Messages panel: customer text shown literally (never as HTML), "Mark handled" calls the API
 * and takes the message off the list, the empty state, and the header count.
 */
import { act, cleanup, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OfflineMessage } from '../../../sdk/index.ts';
import { renderGadget } from '../../testing/render.tsx';
import { LeftMessagesButton } from './LeftMessagesButton.tsx';
import { LeftMessagesList } from './LeftMessagesList.tsx';
import { useLeftMessages } from './useLeftMessages.ts';
import type { LeftMessagesApi } from '../../../sdk/index.ts';

const XSS = '<img src=x onerror="window.__pwned=1">';

const left = (id: string, name: string, message: string): OfflineMessage => ({
  id,
  queue: 'support',
  name,
  email: `${id}@example.com`,
  phone: id === 'a' ? '+49 30 1234567' : null,
  message,
  locale: 'en',
  reason: 'closed',
  createdAt: Date.UTC(2026, 10, 20, 8, id === 'a' ? 0 : 5),
  handledAt: null,
  handledBy: null,
});

function Harness({ port, onHandled }: { port: LeftMessagesApi; onHandled?: (name: string) => void }) {
  const state = useLeftMessages(port, true);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <LeftMessagesButton
        count={state.messages?.length ?? 0}
        open
        panelId="p"
        buttonRef={button}
        onToggle={() => undefined}
      />
      <LeftMessagesList state={state} locale="en" onHandled={onHandled} />
    </>
  );
}

const portWith = (messages: OfflineMessage[]): LeftMessagesApi & { list: ReturnType<typeof vi.fn> } => {
  let open = [...messages];
  return {
    list: vi.fn(async () => open),
    markHandled: vi.fn(async (id: string) => {
      const found = open.find((message) => message.id === id);
      if (!found) throw new Error('gone');
      open = open.filter((message) => message.id !== id);
      return { ...found, handledAt: Date.now(), handledBy: '1001' };
    }),
  };
};

afterEach(cleanup);

describe('LeftMessages', () => {
  it('shows who, how to reach them, the queue and the message as literal text', async () => {
    const port = portWith([left('b', 'Ben', 'Second'), left('a', `Dana ${XSS}`, `Router red.\n${XSS}`)]);
    const { container } = renderGadget(<Harness port={port} />);
    const items = await screen.findAllByTestId('gadget.messages.item');
    expect(port.list).toHaveBeenCalledWith('open');
    // Oldest first.
    expect(within(items[0]!).getByTestId('gadget.messages.name').textContent).toContain(`Dana ${XSS}`);
    expect(within(items[0]!).getByTestId('gadget.messages.text').textContent).toBe(`Router red.\n${XSS}`);
    expect(within(items[0]!).getByText('a@example.com')).toBeTruthy();
    expect(within(items[0]!).getByText('+49 30 1234567')).toBeTruthy();
    expect(within(items[0]!).getAllByText('support')).toHaveLength(1);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('list', { name: 'Open messages' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Messages left by customers, 2 open' })).toBeTruthy();
    expect(screen.getByTestId('gadget.messages.count').textContent).toContain('2');
  });

  it('marks a message handled through the API and takes it off the list', async () => {
    const port = portWith([left('a', 'Dana', 'Hello'), left('b', 'Ben', 'Hi')]);
    const onHandled = vi.fn();
    renderGadget(<Harness port={port} onHandled={onHandled} />);
    await screen.findAllByTestId('gadget.messages.item');
    await userEvent.click(screen.getByRole('button', { name: 'Mark the message from Dana as handled' }));
    expect(port.markHandled).toHaveBeenCalledWith('a');
    await waitFor(() => expect(screen.getAllByTestId('gadget.messages.item')).toHaveLength(1));
    expect(screen.queryByText('Dana')).toBeNull();
    expect(onHandled).toHaveBeenCalledWith('Dana');
    expect(screen.getByTestId('gadget.messages.count').textContent).toContain('1');
  });

  it('says so when there is nothing open, without a count', async () => {
    renderGadget(<Harness port={portWith([])} />);
    expect((await screen.findByTestId('gadget.messages.empty')).textContent).toContain('No open messages');
    expect(screen.queryByTestId('gadget.messages.count')).toBeNull();
  });

  it('refreshes every minute', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      const port = portWith([]);
      renderGadget(<Harness port={port} />);
      await screen.findByTestId('gadget.messages.empty');
      expect(port.list).toHaveBeenCalledTimes(1);
      await act(async () => {
        await vi.advanceTimersByTimeAsync(60_000);
      });
      expect(port.list).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
