// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParticipantRef } from '../../../../sdk/index.ts';
import { renderChatScreen } from '../../testing/chatScreen.tsx';

afterEach(cleanup);

const agent: ParticipantRef = { role: 'agent', id: 'a-1', name: 'Grace Hopper' };

describe('ChatScreen header presence', () => {
  it('says "Online" only while the customer is connected and the agent’s desktop is there', async () => {
    const { server, chat, transport } = await renderChatScreen(agent, {
      presence: { customer: true, agent: true },
    });
    const subtitle = screen.getByTestId('widget.status');
    expect(subtitle.textContent).toBe('Online · here to help');
    expect(document.querySelector('.w-header__presence')).not.toBeNull();

    act(() => transport.drop({ willReconnect: true }));
    expect(subtitle.textContent).toBe("You're offline · your messages will wait");
    expect(subtitle.dataset['line']).toBe('offline');
    expect(document.querySelector('.w-header__presence')).toBeNull();

    act(() => transport.restore());
    await waitFor(() => expect(subtitle.textContent).toBe('Online · here to help'));

    act(() => void server.update(chat.id, { presence: { customer: true, agent: false } }));
    await waitFor(() => expect(subtitle.textContent).toBe('Agent away · your messages will wait'));
    expect(document.querySelector('.w-header__presence')).toBeNull();

    act(() => void server.update(chat.id, { presence: { customer: true, agent: true } }));
    await waitFor(() => expect(subtitle.textContent).toBe('Online · here to help'));
  });
});
