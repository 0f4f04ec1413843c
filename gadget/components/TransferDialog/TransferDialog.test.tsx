// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderGadget } from '../../testing/render.tsx';
import { TransferDialog } from './TransferDialog.tsx';

afterEach(cleanup);

const targets = { agents: [{ id: '1002', name: 'Bob Okafor' }], queues: ['default', 'billing'] };

describe('TransferDialog', () => {
  it('transfers to a named agent with a note, and closes once the server took it', async () => {
    const onSubmit = vi.fn(async () => true);
    const onCancel = vi.fn();
    renderGadget(
      <TransferDialog
        mode="transfer"
        customerName="Ada"
        loadTargets={async () => targets}
        onSubmit={onSubmit}
        onCancel={onCancel}
      />,
    );
    expect(((await screen.findByRole('combobox', { name: 'Agent' })) as HTMLSelectElement).value).toBe(
      '1002',
    );
    expect(screen.getByRole('dialog', { name: 'Transfer the chat with Ada' })).toBeTruthy();
    const user = userEvent.setup();
    await user.type(screen.getByRole('textbox', { name: 'Note for the other agent' }), '  VIP customer ');
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    expect(onSubmit).toHaveBeenCalledWith({ agentId: '1002' }, 'VIP customer');
    expect(onCancel).toHaveBeenCalled();
  });

  it('switches to a queue; without available agents it says so; Escape cancels', async () => {
    const onSubmit = vi.fn(async () => false);
    const onCancel = vi.fn();
    renderGadget(
      <TransferDialog
        mode="transfer"
        customerName="Ada"
        loadTargets={async () => ({ agents: [], queues: ['default', 'billing'] })}
        onSubmit={onSubmit}
        onCancel={onCancel}
      />,
    );
    // No agent can take it: the queue is picked for the agent.
    expect(((await screen.findByRole('combobox', { name: 'Queue' })) as HTMLSelectElement).value).toBe(
      'default',
    );
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'To an agent' }));
    expect(screen.getByText('No other agent can take a chat right now.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Transfer' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('radio', { name: 'To a queue' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Queue' }), 'billing');
    await user.click(screen.getByRole('button', { name: 'Transfer' }));
    expect(onSubmit).toHaveBeenCalledWith({ queue: 'billing' }, '');
    expect(onCancel).not.toHaveBeenCalled(); // refused: the dialog stays
    await user.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalled();
  });

  it('invites a named agent (consult)', async () => {
    const onSubmit = vi.fn(async () => true);
    renderGadget(
      <TransferDialog
        mode="invite"
        customerName="Ada"
        loadTargets={async () => targets}
        onSubmit={onSubmit}
        onCancel={vi.fn()}
      />,
    );
    await screen.findByRole('combobox', { name: 'Agent' });
    expect(screen.queryByRole('radio')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Invite' }));
    expect(onSubmit).toHaveBeenCalledWith({ agentId: '1002' }, '');
  });

  it("names queues by their labels in the agent's language and sends the queue's name", async () => {
    const onSubmit = vi.fn(async () => true);
    renderGadget(
      <TransferDialog
        mode="transfer"
        customerName="Ada"
        loadTargets={async () => ({
          agents: [],
          queues: ['default', 'billing'],
          queueLabels: { billing: { en: 'Billing', ar: 'الفواتير' } },
        })}
        onSubmit={onSubmit}
        onCancel={vi.fn()}
      />,
      'ar',
    );
    const select = (await screen.findByTestId('gadget.transfer.queue')) as HTMLSelectElement;
    expect([...select.options].map((option) => option.textContent)).toEqual(['default', 'الفواتير']);
    await userEvent.setup().selectOptions(select, 'billing');
    expect(select.value).toBe('billing');
  });
});
