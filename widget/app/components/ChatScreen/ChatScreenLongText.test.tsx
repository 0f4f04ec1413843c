// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParticipantRef } from '../../../../sdk/index.ts';
import { renderChatScreen } from '../../testing/chatScreen.tsx';

afterEach(cleanup);

const agent: ParticipantRef = { role: 'agent', id: 'a-1', name: 'Grace' };

describe('ChatScreen long text', () => {
  it('sends a 5,000-character paste whole, as messages in order, and says so before', async () => {
    const { server, chat, user } = await renderChatScreen(agent);
    const text = Array.from({ length: 1000 }, (_, i) => `w${String(i).padStart(3, '0')}`).join(' ');
    const box = screen.getByTestId<HTMLTextAreaElement>('widget.composer');
    box.focus();
    await user.paste(text);

    expect(box.value).toBe(text); // not cut to 4,000
    expect(screen.getByText('Long text: it will be sent as 2 messages.')).toBeTruthy();
    await user.keyboard('{Enter}');

    await waitFor(() => expect(server.messages(chat.id)).toHaveLength(2));
    expect(
      server
        .messages(chat.id)
        .map((message) => message.text)
        .join(' '),
    ).toBe(text);
    expect(box.value).toBe('');
  });
});
