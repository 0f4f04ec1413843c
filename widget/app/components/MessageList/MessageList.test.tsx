// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { LocalMessage } from '../../../../sdk/index.ts';
import { renderWidget } from '../../testing/render.tsx';
import { MessageList } from './MessageList.tsx';

afterEach(cleanup);

const customer = { role: 'customer', id: 'c-1', name: 'Ada' } as const;
const agent = { role: 'agent', id: 'a-1', name: 'Grace Hopper' } as const;
// The server posts events as the system, naming the person in the text.
const system = { role: 'system', id: 'system', name: 'System' } as const;

function message(seq: number, overrides: Partial<LocalMessage> = {}): LocalMessage {
  return {
    chatId: 'chat-1',
    seq,
    clientId: `m-${seq}`,
    from: customer,
    kind: 'text',
    text: 'hello',
    sentAt: Date.UTC(2025, 0, 1, 9, seq),
    delivery: 'sent',
    ...overrides,
  };
}

describe('MessageList (widget)', () => {
  it('shows an agent-sent script payload as text and runs nothing', () => {
    const payload =
      '<img src=x onerror="window.__pwned=1">"><svg onload=alert(1)><a href="javascript:alert(1)">x</a>';
    renderWidget(<MessageList messages={[message(1, { from: agent, text: payload })]} selfId="c-1" />);
    const item = screen.getByTestId('widget.message');
    expect(item.textContent).toContain(payload);
    expect(item.querySelector('img, svg, a')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('puts the customer on the right and the agent on the left, named once per run', () => {
    renderWidget(
      <MessageList
        messages={[
          message(1, { kind: 'event', event: 'agent-joined', from: system, text: 'Grace Hopper' }),
          message(2, { from: agent, text: 'Hi Ada, how can I help?' }),
          message(3, { from: agent, text: 'I can see your account.' }),
          message(4, { text: 'My internet is down' }),
        ]}
        selfId="c-1"
      />,
    );
    const log = screen.getByRole('log', { name: 'Chat messages' });
    expect(log.getAttribute('aria-live')).toBe('polite');
    const items = screen.getAllByTestId('widget.message');
    expect(items.map((li) => li.dataset.fromRole)).toEqual(['system', 'agent', 'agent', 'customer']);
    expect(items.map((li) => li.dataset.seq)).toEqual(['1', '2', '3', '4']);
    expect(items[0]?.textContent).toBe('Grace Hopper joined the chat');
    expect(items[1]?.className).toContain('w-msg--peer');
    expect(items[3]?.className).toContain('w-msg--own');
    expect(screen.getAllByText('Grace Hopper')).toHaveLength(1);
  });
});
