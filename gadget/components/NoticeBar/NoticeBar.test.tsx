// @vitest-environment jsdom
/**
 * The notice after a supervisor moved the agent's chat away: its wording in English and Arabic, a
 * polite live region (not an interruption), and a dismiss button the keyboard reaches and presses.
 */
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Notice } from '../../stores/gadgetStore.ts';
import { renderGadget } from '../../testing/render.tsx';
import { NoticeBar } from './NoticeBar.tsx';

const toAgent: Notice = {
  tone: 'info',
  key: 'movedToAgent',
  values: { name: 'Ada Lovelace', target: 'Sam Agent' },
};
const toQueue: Notice = {
  tone: 'info',
  key: 'movedToQueue',
  values: { name: 'Ada Lovelace', target: 'Billing' },
};

afterEach(cleanup);

describe('NoticeBar after a forced transfer', () => {
  it('names the customer and where the chat went, in a polite live region', () => {
    const { rerender } = renderGadget(<NoticeBar notice={toAgent} onDismiss={vi.fn()} />);
    const notice = screen.getByRole('status');
    expect(notice.getAttribute('data-testid')).toBe('gadget.notice');
    expect(notice.textContent).toBe('Your supervisor moved your chat with Ada Lovelace to Sam Agent.');
    rerender(<NoticeBar notice={toQueue} onDismiss={vi.fn()} />);
    expect(screen.getByRole('status').textContent).toBe(
      'Your supervisor moved your chat with Ada Lovelace to the Billing queue.',
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('is dismissed from the keyboard', async () => {
    const onDismiss = vi.fn();
    renderGadget(<NoticeBar notice={toAgent} onDismiss={onDismiss} />);
    const user = userEvent.setup();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Dismiss' }));
    await user.keyboard('{Enter}');
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('is translated: the Arabic sentence keeps both names', () => {
    renderGadget(<NoticeBar notice={toQueue} onDismiss={vi.fn()} />, 'ar');
    const text = screen.getByRole('status').textContent ?? '';
    expect(text).toContain('Ada Lovelace');
    expect(text).toContain('Billing');
    expect(text).not.toContain('Your supervisor');
  });
});
