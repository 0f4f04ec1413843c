// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderGadget } from '../../testing/render.tsx';
import { ChatCollabTools, type ChatCollabPort } from './ChatCollabTools.tsx';

afterEach(cleanup);

const port = (isOwner: boolean): ChatCollabPort => ({
  isOwner,
  loadTargets: vi.fn(async () => ({ agents: [{ id: '1002', name: 'Bob' }], queues: ['default'] })),
  onTransfer: vi.fn(async () => true),
  onInvite: vi.fn(async () => true),
  onLeave: vi.fn(),
});

describe('ChatCollabTools', () => {
  it('the owner transfers or invites; the invite dialog sends to the invite action and closes', async () => {
    const owner = port(true);
    renderGadget(<ChatCollabTools port={owner} customerName="Ada" />);
    expect(screen.queryByRole('button', { name: 'Leave chat' })).toBeNull();
    const user = userEvent.setup();
    const invite = screen.getByRole('button', { name: 'Invite agent' });
    await user.click(invite);
    await screen.findByRole('combobox', { name: 'Agent' });
    await user.click(screen.getByRole('button', { name: 'Invite' }));
    expect(owner.onInvite).toHaveBeenCalledWith('1002', '');
    expect(owner.onTransfer).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(invite);
  });

  it('a consulted agent can only leave', async () => {
    const member = port(false);
    renderGadget(<ChatCollabTools port={member} customerName="Ada" />);
    expect(screen.queryByRole('button', { name: 'Transfer' })).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Leave chat' }));
    expect(member.onLeave).toHaveBeenCalled();
  });
});
