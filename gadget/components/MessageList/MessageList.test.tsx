// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalMessage } from '../../../sdk/index.ts';
import { renderGadget } from '../../testing/render.tsx';
import { MessageList } from './MessageList.tsx';

afterEach(cleanup);

const customer = { role: 'customer', id: 'c-1', name: 'Ada' } as const;
const agent = { role: 'agent', id: 'a-1', name: 'Grace' } as const;
// The server posts events as the system, naming the person in the text.
const system = { role: 'system', id: 'system', name: 'System' } as const;
let n = 0;
function message(overrides: Partial<LocalMessage>): LocalMessage {
  n += 1;
  return {
    chatId: 'chat-1',
    seq: n,
    clientId: `m-${n}`,
    from: customer,
    kind: 'text',
    text: 'hello',
    sentAt: Date.UTC(2025, 0, 1, 10, n),
    delivery: 'sent',
    ...overrides,
  };
}

describe('MessageList', () => {
  it('renders a script payload as plain text, never as markup', () => {
    const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>bold</b>';
    renderGadget(<MessageList messages={[message({ text: payload })]} selfId="a-1" peerName="Ada" />);
    const item = screen.getByTestId('gadget.message');
    expect(item.textContent).toContain(payload);
    expect(item.querySelector('img, script, b')).toBeNull();
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('places own messages right, the customer left and events in the middle, with seq and role', () => {
    renderGadget(
      <MessageList
        messages={[
          message({ kind: 'event', event: 'agent-joined', from: system, text: 'Grace' }),
          message({ text: 'Hi, my router is down' }),
          message({ from: agent, text: 'Let me check that for you' }),
        ]}
        selfId="a-1"
        peerName="Ada"
      />,
    );
    const log = screen.getByRole('log', { name: 'Conversation with Ada' });
    expect(log.getAttribute('aria-live')).toBe('polite');
    const [event, fromCustomer, own] = within(log).getAllByTestId('gadget.message');
    expect(event?.className).toContain('hc-msg--event');
    expect(event?.textContent).toContain('Grace joined the chat');
    expect(fromCustomer?.className).toContain('hc-msg--peer');
    expect(fromCustomer?.dataset.fromRole).toBe('customer');
    expect(own?.className).toContain('hc-msg--own');
    expect(own?.dataset.fromRole).toBe('agent');
    expect(Number(own?.dataset.seq)).toBeGreaterThan(Number(fromCustomer?.dataset.seq));
  });

  it('marks pending messages and offers a retry for failed ones', async () => {
    const onRetry = vi.fn();
    renderGadget(
      <MessageList
        messages={[
          message({ from: agent, seq: null, delivery: 'pending', clientId: 'p-1' }),
          message({ from: agent, seq: null, delivery: 'failed', clientId: 'f-1', error: 'too large' }),
        ]}
        selfId="a-1"
        peerName="Ada"
        onRetry={onRetry}
      />,
    );
    const [pending, failed] = screen.getAllByTestId('gadget.message');
    expect(pending?.dataset.seq).toBe('');
    expect(pending?.textContent).toContain('Sending…');
    expect(failed?.textContent).toContain('Not sent');
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledWith('f-1');
  });

  it('shows a friendly empty state', () => {
    renderGadget(<MessageList messages={[]} selfId="a-1" peerName="Ada" />);
    expect(screen.getByText('No messages yet. Say hello!')).toBeTruthy();
  });
});
