// @vitest-environment jsdom
import { cleanup, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { agent, customer, labels, messageFactory, renderList } from './messageListTesting.tsx';

afterEach(cleanup);

const supervisor = { role: 'agent', id: 'a-2', name: 'Alan' } as const;
// The server posts events as the system, naming the person in the text.
const system = { role: 'system', id: 'system', name: 'System' } as const;
const message = messageFactory(customer);

describe('MessageList', () => {
  it('renders a script payload as plain text, never as markup', () => {
    const payload =
      '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script><b>bold</b>' +
      '<svg onload=alert(1)><a href="javascript:alert(1)">x</a>';
    renderList([message({ text: payload })]);
    const item = screen.getByTestId('app.message');
    expect(item.textContent).toContain(payload);
    expect(item.querySelector('img, script, b, svg, a')).toBeNull();
    expect((window as { __xss?: number }).__xss).toBeUndefined();
  });

  it('places own messages right, the other side left and events in the middle, with seq and role', () => {
    renderList([
      message({ kind: 'event', event: 'agent-joined', from: system, text: 'Grace Hopper' }),
      message({ text: 'Hi, my router is down' }),
      message({ from: agent, text: 'Let me check that for you' }),
    ]);
    const log = screen.getByRole('log', { name: 'Conversation' });
    expect(log.getAttribute('aria-live')).toBe('polite');
    expect(log.dataset.testid).toBe('app.messages');
    const [event, fromCustomer, own] = within(log).getAllByTestId('app.message');
    expect(event?.className).toContain('ui-msg--event');
    expect(event?.textContent).toBe('Grace Hopper joined the chat');
    expect(fromCustomer?.className).toContain('ui-msg--peer');
    expect(fromCustomer?.dataset.fromRole).toBe('customer');
    expect(own?.className).toContain('ui-msg--own');
    expect(own?.dataset.fromRole).toBe('agent');
    expect(Number(own?.dataset.seq)).toBeGreaterThan(Number(fromCustomer?.dataset.seq));
  });

  it('tells screen readers who wrote each message and when', () => {
    renderList([message({ text: 'Hi' }), message({ from: agent, text: 'Hello' })]);
    const [fromCustomer, own] = screen.getAllByTestId('app.message');
    expect(fromCustomer?.querySelector('.ui-sr-only')?.textContent).toMatch(/^Ada at \d{1,2}:\d{2}/);
    expect(own?.querySelector('.ui-sr-only')?.textContent).toMatch(/^You at /);
  });

  it('marks pending messages and offers a retry for failed ones', async () => {
    const onRetry = vi.fn();
    renderList(
      [
        message({ from: agent, seq: null, delivery: 'pending', clientId: 'p-1' }),
        message({ from: agent, seq: null, delivery: 'failed', clientId: 'f-1', error: 'too large' }),
      ],
      { onRetry, errorDetails: true },
    );
    const [pending, failed] = screen.getAllByTestId('app.message');
    expect(pending?.dataset.seq).toBe('');
    expect(pending?.dataset.delivery).toBe('pending');
    expect(pending?.textContent).toContain('Sending…');
    expect(failed?.textContent).toContain('Not sent');
    expect(within(failed!).getByText('Not sent').title).toBe('too large');
    await userEvent.click(screen.getByTestId('app.message.retry'));
    expect(onRetry).toHaveBeenCalledWith('f-1');
  });

  it('keeps the failure reason to itself and offers no retry without onRetry', () => {
    renderList([message({ from: agent, seq: null, delivery: 'failed', error: 'too large' })]);
    expect(screen.getByText('Not sent').hasAttribute('title')).toBe(false);
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('in an agent view names other agents only, and shows the time of events', () => {
    renderList(
      [
        message({ kind: 'event', event: 'agent-joined', from: system, text: 'Alan' }),
        message({ text: 'Hi' }),
        message({ from: supervisor, text: 'Alan here' }),
        message({ from: supervisor, text: 'Still me' }),
        message({ from: agent, text: 'Thanks' }),
      ],
      { eventTimes: true },
    );
    expect(screen.getAllByText('Alan').map((el) => el.className)).toEqual([
      'ui-msg__author',
      'ui-msg__author',
    ]);
    expect(screen.queryByText('Ada')).toBeNull();
    expect(screen.getAllByTestId('app.message')[0]?.querySelector('time')).not.toBeNull();
  });

  it('in a customer view names the agent once per run, and shows events without a time', () => {
    renderList(
      [
        message({ kind: 'event', event: 'agent-joined', from: system, text: 'Grace Hopper' }),
        message({ from: agent, text: 'Hi Ada, how can I help?' }),
        message({ from: agent, text: 'I can see your account.' }),
        message({ text: 'My internet is down' }),
        message({ from: agent, text: 'Let me check.' }),
      ],
      { selfRole: 'customer', selfId: 'c-1', authors: 'each-run' },
    );
    const items = screen.getAllByTestId('app.message');
    expect(items.map((li) => li.dataset.fromRole)).toEqual(['system', 'agent', 'agent', 'customer', 'agent']);
    expect(items[0]?.textContent).toBe('Grace Hopper joined the chat');
    expect(items[1]?.className).toContain('ui-msg--peer');
    expect(items[3]?.className).toContain('ui-msg--own');
    expect(items.map((li) => li.classList.contains('ui-msg--first'))).toEqual([
      false,
      true,
      false,
      true,
      true,
    ]);
    expect(screen.getAllByText('Grace Hopper').map((el) => el.closest('li'))).toEqual([items[1], items[4]]);
  });

  it('shows the empty text when there is one, else an empty list, and a footer after the messages', () => {
    renderList([], { labels: { ...labels, empty: 'No messages yet.' } });
    expect(screen.getByText('No messages yet.')).toBeTruthy();
    cleanup();
    renderList([], { footer: <p>Waiting for an agent…</p> });
    const log = screen.getByRole('log');
    expect(within(log).getByRole('list').children).toHaveLength(0);
    expect(log.lastElementChild?.textContent).toBe('Waiting for an agent…');
  });
});
