// @vitest-environment jsdom
import { act, cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatOffer } from '../../../sdk/index.ts';
import { useNow } from '../../hooks/useNow.ts';
import type { PendingOffer } from '../../stores/gadgetStore.ts';
import { renderGadget } from '../../testing/render.tsx';
import { OfferCard, initials, remainingMs } from './OfferCard.tsx';

const SERVER_NOW = 5_000_000;

function offer(overrides: Partial<ChatOffer> = {}): ChatOffer {
  return {
    chatId: 'chat-1',
    customer: { id: 'c-1', name: 'Ada Lovelace' },
    queue: 'billing',
    preChat: { name: 'Ada Lovelace', email: 'ada@example.com' },
    offeredAt: SERVER_NOW,
    expiresAt: SERVER_NOW + 30_000,
    ...overrides,
  };
}

function LiveCard({
  pending,
  onAccept = vi.fn(),
  onDecline = vi.fn(),
}: {
  pending: PendingOffer;
  onAccept?: (id: string) => void;
  onDecline?: (id: string) => void;
}) {
  const now = useNow(250);
  const [shown] = useState(pending);
  return <OfferCard pending={shown} now={now} onAccept={onAccept} onDecline={onDecline} />;
}

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('OfferCard', () => {
  it('counts down to the end of the offer window on the local clock', () => {
    vi.useFakeTimers({ now: 1_000 });
    // The desktop clock is far behind the server's: only the window length (30 s) matters.
    renderGadget(<LiveCard pending={{ offer: offer(), receivedAt: 1_000, busy: null }} />);
    const countdown = screen.getByTestId('gadget.offer.countdown');
    expect(countdown.textContent).toBe('30 s');

    act(() => vi.advanceTimersByTime(12_000));
    expect(countdown.textContent).toBe('18 s');
    expect(screen.getByTestId('gadget.offer')).not.toHaveProperty(
      'className',
      expect.stringContaining('urgent'),
    );

    act(() => vi.advanceTimersByTime(9_000));
    expect(countdown.textContent).toBe('9 s');
    expect(screen.getByTestId('gadget.offer').className).toContain('hc-offer--urgent');
    expect(countdown.getAttribute('aria-label')).toBe('9 seconds left to answer');
  });

  it('stops at zero and disables Accept once the window has passed', () => {
    vi.useFakeTimers({ now: 1_000 });
    renderGadget(<LiveCard pending={{ offer: offer(), receivedAt: 1_000, busy: null }} />);
    act(() => vi.advanceTimersByTime(45_000));
    expect(screen.getByTestId('gadget.offer.countdown').textContent).toBe('0 s');
    expect(screen.getByTestId('gadget.offer.accept')).toHaveProperty('disabled', true);
  });

  it('shows the customer, queue and pre-chat details, and answers with the chat id', async () => {
    const onAccept = vi.fn();
    const onDecline = vi.fn();
    renderGadget(
      <OfferCard
        pending={{ offer: offer(), receivedAt: Date.now(), busy: null }}
        now={Date.now()}
        onAccept={onAccept}
        onDecline={onDecline}
      />,
    );
    expect(screen.getByTestId('gadget.offer.customer').textContent).toBe('Ada Lovelace');
    expect(screen.getByText('billing')).toBeTruthy();
    expect(screen.getByText('ada@example.com')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Accept chat from Ada Lovelace' }));
    await userEvent.click(screen.getByRole('button', { name: 'Decline chat from Ada Lovelace' }));
    expect(onAccept).toHaveBeenCalledWith('chat-1');
    expect(onDecline).toHaveBeenCalledWith('chat-1');
  });

  it.each([
    ['en', 'Billing'],
    ['de', 'Rechnung'],
    ['ar', 'الفواتير'],
    // No label in this language: English.
    ['es', 'Billing'],
  ])("names the queue by its label in the gadget's language (%s)", (language, label) => {
    renderGadget(
      <OfferCard
        pending={{
          offer: offer({ queueLabel: { en: 'Billing', de: 'Rechnung', ar: 'الفواتير' } }),
          receivedAt: Date.now(),
          busy: null,
        }}
        now={Date.now()}
        onAccept={vi.fn()}
        onDecline={vi.fn()}
      />,
      language,
    );
    const queue = screen.getByTestId('gadget.offer.queue');
    expect(queue.textContent).toBe(label);
    expect(queue.dataset.queue).toBe('billing');
    expect(screen.queryByText('billing')).toBeNull();
  });

  it('names the queue by its one label, or by its name when it has none (an older server)', () => {
    const card = (overrides: Partial<ChatOffer>) => (
      <OfferCard
        pending={{ offer: offer(overrides), receivedAt: Date.now(), busy: null }}
        now={Date.now()}
        onAccept={vi.fn()}
        onDecline={vi.fn()}
      />
    );
    const view = renderGadget(card({ queueLabel: 'Premium support' }), 'fr');
    expect(screen.getByTestId('gadget.offer.queue').textContent).toBe('Premium support');
    view.rerender(card({ queueLabel: { en: '' } }));
    expect(screen.getByTestId('gadget.offer.queue').textContent).toBe('billing');
    view.rerender(card({}));
    expect(screen.getByTestId('gadget.offer.queue').textContent).toBe('billing');
  });

  it("labels the pre-chat fields it knows, in the agent's language, and shows the accept keys", () => {
    renderGadget(
      <OfferCard
        pending={{
          offer: offer({
            preChat: { name: 'Ada', email: 'ada@example.com', topic: 'billing', order: 'A-17' },
          }),
          receivedAt: Date.now(),
          busy: null,
        }}
        now={Date.now()}
        onAccept={vi.fn()}
        onDecline={vi.fn()}
        acceptKeys="Alt+A"
      />,
      'fr',
    );
    const terms = [...document.querySelectorAll('.hc-offer__details dt')].map((dt) => dt.textContent);
    expect(terms).toEqual(['E-mail', 'Sujet', 'order']);
    expect(screen.getByText('Alt+A').tagName).toBe('KBD');
    expect(screen.getByText('Alt+A').parentElement?.textContent).toBe('Alt+A pour accepter');
  });

  it('turns urgent in the last third of a short offer window', () => {
    vi.useFakeTimers({ now: 1_000 });
    const short = offer({ expiresAt: SERVER_NOW + 9_000 });
    renderGadget(<LiveCard pending={{ offer: short, receivedAt: 1_000, busy: null }} />);
    act(() => vi.advanceTimersByTime(5_500));
    expect(screen.getByTestId('gadget.offer').className).not.toContain('hc-offer--urgent');
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByTestId('gadget.offer').className).toContain('hc-offer--urgent');
  });

  it('disables both answers while one is in flight', () => {
    renderGadget(
      <OfferCard
        pending={{ offer: offer(), receivedAt: Date.now(), busy: 'accepting' }}
        now={Date.now()}
        onAccept={vi.fn()}
        onDecline={vi.fn()}
      />,
    );
    expect(screen.getByTestId('gadget.offer.accept').textContent).toBe('Accepting…');
    expect(screen.getByTestId('gadget.offer.accept')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('gadget.offer.decline')).toHaveProperty('disabled', true);
  });
});

describe('remainingMs / initials', () => {
  it('never goes below zero', () => {
    expect(remainingMs({ offer: offer(), receivedAt: 0, busy: null }, 99_999)).toBe(0);
  });
  it('never shows more than the offer window, even with a clock tick older than the offer', () => {
    expect(remainingMs({ offer: offer(), receivedAt: 10_000, busy: null }, 9_100)).toBe(30_000);
  });
  it('takes the first and last initials', () => {
    expect(initials('ada king lovelace')).toBe('AL');
    expect(initials('Zoë')).toBe('Z');
  });
});
