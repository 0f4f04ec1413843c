// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WrapUp } from '../../../sdk/index.ts';
import { renderGadget } from '../../testing/render.tsx';
import { WrapUpPanel } from './WrapUpPanel.tsx';

afterEach(cleanup);

const running: WrapUp = {
  chatId: 'chat-1',
  customerName: 'Ada',
  state: 'running',
  startedAt: 1_000,
  dueAt: 61_000,
  reasons: [],
  notes: '',
  completedAt: null,
  timedOut: false,
};

describe('WrapUpPanel', () => {
  it('shows the time left, asks for a reason first, then sends reasons and notes (keyboard only)', async () => {
    const onSubmit = vi.fn(async () => null);
    renderGadget(
      <WrapUpPanel wrapUp={running} reasons={['Resolved', 'Escalated']} now={16_000} onSubmit={onSubmit} />,
    );
    expect(screen.getByRole('timer').textContent).toContain('45 s left');
    expect(screen.getByRole('timer').getAttribute('aria-label')).toBe('45 seconds of wrap-up time left');
    const first = screen.getByRole('checkbox', { name: 'Resolved' });
    expect(document.activeElement).toBe(first);

    const user = userEvent.setup();
    await user.keyboard('{Enter}');
    expect(screen.getByRole('alert').textContent).toContain('Choose at least one reason.');
    expect(onSubmit).not.toHaveBeenCalled();

    await user.keyboard(' ');
    await user.tab();
    await user.keyboard(' ');
    await user.tab();
    await user.keyboard('Refund sent');
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Done' }));
    await user.keyboard('{Enter}');
    expect(onSubmit).toHaveBeenCalledWith(['Resolved', 'Escalated'], 'Refund sent');
  });

  it('without configured reasons, notes alone are enough; a refusal is shown', async () => {
    const onSubmit = vi.fn(async () => 'CONFLICT');
    renderGadget(<WrapUpPanel wrapUp={running} reasons={[]} now={1_000} onSubmit={onSubmit} />);
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Notes' }));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Done' }));
    expect(onSubmit).toHaveBeenCalledWith([], '');
    expect((await screen.findByRole('alert')).textContent).toContain('could not be saved');
  });

  it('a wrap-up waiting for its chat to be closed has no timer yet', () => {
    const waiting: WrapUp = { ...running, state: 'waiting', startedAt: null, dueAt: null };
    renderGadget(<WrapUpPanel wrapUp={waiting} reasons={['Resolved']} now={0} onSubmit={vi.fn()} />);
    expect(screen.queryByRole('timer')).toBeNull();
    expect(screen.getByTestId('gadget.wrapup.timer').textContent).toContain('Starts when you close the chat');
  });
});

describe('WrapUpPanel reason labels', () => {
  it("shows each reason in the agent's language and sends its code", async () => {
    const onSubmit = vi.fn(async () => null);
    renderGadget(
      <WrapUpPanel
        wrapUp={running}
        reasons={['Resolved', 'Escalated']}
        reasonLabels={{ Resolved: { en: 'Resolved', ar: 'تم الحل' } }}
        now={16_000}
        onSubmit={onSubmit}
      />,
      'ar',
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'تم الحل' }));
    // No label for this one: its code.
    expect(screen.getByRole('checkbox', { name: 'Escalated' })).toBeTruthy();
    await user.click(screen.getByTestId('gadget.wrapup.submit'));
    expect(onSubmit).toHaveBeenCalledWith(['Resolved'], '');
  });
});
