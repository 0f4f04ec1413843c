// @vitest-environment jsdom
import { act, cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatSummary } from '../../../../sdk/index.ts';
import { languageLoaded } from '../../i18n/i18n.ts';
import { renderWidget } from '../../testing/render.tsx';
import { WaitingCard, waitWords } from './WaitingCard.tsx';

afterEach(cleanup);

const chat = (patch: Partial<ChatSummary>): ChatSummary => ({
  id: 'chat-1',
  status: 'queued',
  queue: 'default',
  customer: { id: 'c-1', name: 'Ada' },
  agent: null,
  preChat: {},
  createdAt: 0,
  acceptedAt: null,
  endedAt: null,
  endedBy: null,
  lastSeq: 0,
  queuePosition: 3,
  ...patch,
});

describe('WaitingCard', () => {
  it('shows the place in the queue and the expected wait in words', () => {
    const { rerender } = renderWidget(
      <WaitingCard chat={chat({ estimatedWait: { minS: 240, maxS: 540 } })} />,
    );
    expect(screen.getByTestId('widget.queuePosition').textContent).toBe("You're number 3 in line.");
    expect(screen.getByTestId('widget.estimatedWait').textContent).toBe('Estimated wait: 4–9 minutes');
    rerender(<WaitingCard chat={chat({ queuePosition: 1, estimatedWait: { minS: 0, maxS: 120 } })} />);
    expect(screen.getByTestId('widget.queuePosition').textContent).toBe("You're next in line.");
    expect(screen.getByTestId('widget.estimatedWait').textContent).toBe('Estimated wait: a few minutes');
  });

  it('shows no estimate when the server has none', () => {
    renderWidget(<WaitingCard chat={chat({ estimatedWait: null })} />);
    expect(screen.queryByTestId('widget.estimatedWait')).toBeNull();
    expect(screen.getByRole('status').textContent).toContain('Waiting for an agent');
  });

  it('after the maximum wait, offers calmly to leave a message instead, with a button outside the live region', async () => {
    const onLeaveMessage = vi.fn();
    const { rerender } = renderWidget(<WaitingCard chat={chat({})} onLeaveMessage={onLeaveMessage} />);
    expect(screen.queryByTestId('widget.waiting.offer')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();

    rerender(<WaitingCard chat={chat({ maxWaitReached: true })} onLeaveMessage={onLeaveMessage} />);
    const status = screen.getByRole('status');
    // The words are read out politely with the rest of the card; the button is not part of the news.
    expect(within(status).getByTestId('widget.waiting.offer').textContent).toBe(
      "Still waiting? Leave us a message and we'll get back to you by email.",
    );
    expect(within(status).queryByRole('button')).toBeNull();
    const button = screen.getByRole('button', { name: 'Leave a message' });
    expect(button.getAttribute('aria-describedby')).toBe(screen.getByTestId('widget.waiting.offer').id);
    expect(screen.getByTestId('widget.queuePosition').textContent).toBe("You're number 3 in line.");
    await userEvent.click(button);
    expect(onLeaveMessage).toHaveBeenCalledOnce();
  });

  it('offers nothing without a way to leave a message', () => {
    renderWidget(<WaitingCard chat={chat({ maxWaitReached: true })} />);
    expect(screen.queryByTestId('widget.waiting.offer')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('makes the offer in the customer’s language', async () => {
    renderWidget(<WaitingCard chat={chat({ maxWaitReached: true })} onLeaveMessage={vi.fn()} />, 'ar');
    await act(() => languageLoaded());
    expect(screen.getByTestId('widget.waiting.offer').textContent).toBe(
      'ما زلت تنتظر؟ اترك لنا رسالة وسنرد عليك عبر البريد الإلكتروني.',
    );
    expect(screen.getByRole('button', { name: 'ترك رسالة' })).toBeTruthy();
  });

  it.each([
    [{ minS: 0, maxS: 60 }, { key: 'waiting.wait.underMinute' }],
    [{ minS: 60, maxS: 180 }, { key: 'waiting.wait.fewMinutes' }],
    [
      { minS: 420, maxS: 780 },
      { key: 'waiting.wait.range', min: 7, max: 13 },
    ],
    [
      { minS: 30, maxS: 200 },
      { key: 'waiting.wait.range', min: 1, max: 3 },
    ],
    [{ minS: 4000, maxS: 9000 }, { key: 'waiting.wait.overHour' }],
    // Never negative, never backwards, whatever arrives.
    [{ minS: -300, maxS: -60 }, { key: 'waiting.wait.underMinute' }],
    [
      { minS: 900, maxS: 300 },
      { key: 'waiting.wait.range', min: 5, max: 15 },
    ],
  ])('words %j as %j', (estimate, words) => {
    expect(waitWords(estimate)).toEqual(words);
  });
});
