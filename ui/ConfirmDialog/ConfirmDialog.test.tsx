// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { useConfirmedAction } from './useConfirmedAction.ts';

afterEach(cleanup);

/** An End button that asks first, as both apps use it; shows how the action ended. */
function EndChat({ action, confirmFirst = false }: { action: () => Promise<void>; confirmFirst?: boolean }) {
  const ending = useConfirmedAction(action);
  const [outcome, setOutcome] = useState('');
  const confirm = (): void => {
    ending.confirm().then(
      () => setOutcome('ended'),
      (error: Error) => setOutcome(error.message),
    );
  };
  return (
    <div>
      <button type="button" onClick={ending.ask}>
        {ending.busy ? 'Ending…' : 'End'}
      </button>
      <span data-testid="outcome">{outcome}</span>
      {ending.asking && (
        <ConfirmDialog
          title="End this chat?"
          body="No more messages can be sent."
          confirmLabel="End chat"
          cancelLabel="Cancel"
          confirmClassName="danger"
          cancelClassName="secondary"
          confirmFirst={confirmFirst}
          confirmTestId="app.end.confirm"
          busy={ending.busy}
          onConfirm={confirm}
          onCancel={ending.cancel}
        />
      )}
    </div>
  );
}

describe('ConfirmDialog', () => {
  it('is a modal alertdialog named and described by its text, with the safe choice focused', async () => {
    const user = userEvent.setup();
    render(<EndChat action={vi.fn(async () => {})} />);
    await user.click(screen.getByRole('button', { name: 'End' }));
    const dialog = screen.getByRole('alertdialog', {
      name: 'End this chat?',
      description: 'No more messages can be sent.',
    });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
  });

  it('keeps Tab inside, in both button orders', async () => {
    for (const confirmFirst of [false, true]) {
      const user = userEvent.setup();
      render(<EndChat action={vi.fn(async () => {})} confirmFirst={confirmFirst} />);
      await user.click(screen.getByRole('button', { name: 'End' }));
      const buttons = screen.getAllByRole('button').filter((b) => b.closest('[role="alertdialog"]'));
      expect(buttons.map((b) => b.textContent)).toEqual(
        confirmFirst ? ['End chat', 'Cancel'] : ['Cancel', 'End chat'],
      );
      const cancel = screen.getByRole('button', { name: 'Cancel' });
      const confirm = screen.getByTestId('app.end.confirm');
      await user.tab();
      expect(document.activeElement).toBe(confirm);
      await user.tab();
      expect(document.activeElement).toBe(cancel);
      await user.tab({ shift: true });
      expect(document.activeElement).toBe(confirm);
      cleanup();
    }
  });

  it('cancels on Escape without running the action, and gives focus back', async () => {
    const user = userEvent.setup();
    const action = vi.fn(async () => {});
    const outside = vi.fn();
    document.addEventListener('keydown', outside);
    render(<EndChat action={action} />);
    const end = screen.getByRole('button', { name: 'End' });
    await user.click(end);
    await user.keyboard('{Escape}');
    document.removeEventListener('keydown', outside);
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(end);
    expect(action).not.toHaveBeenCalled();
    // Escape stops at the dialog: the widget would otherwise close its whole panel.
    expect(outside).not.toHaveBeenCalled();
  });

  it('runs the action once on confirm, busy until it settles, then closes', async () => {
    const user = userEvent.setup();
    let finish = (): void => {};
    const action = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<EndChat action={action} />);
    await user.click(screen.getByRole('button', { name: 'End' }));
    await user.click(screen.getByTestId('app.end.confirm'));
    expect(action).toHaveBeenCalledOnce();
    expect(screen.getByTestId('app.end.confirm')).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Ending…' })).toBeTruthy();
    finish();
    await screen.findByText('ended');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'End' })).toBeTruthy();
  });

  it('closes even when the action fails, and lets the caller see the failure', async () => {
    const user = userEvent.setup();
    render(<EndChat action={vi.fn(async () => Promise.reject(new Error('gone')))} />);
    await user.click(screen.getByRole('button', { name: 'End' }));
    await user.click(screen.getByTestId('app.end.confirm'));
    await screen.findByText('gone');
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });
});
