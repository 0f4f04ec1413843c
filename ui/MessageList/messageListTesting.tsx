/**
 * Shared setup for the MessageList tests: the people in the conversation, a message factory and a
 * render with English labels, in the agent's view (as the gadget shows it) unless props say otherwise.
 */
import { render } from '@testing-library/react';
import type { LocalMessage } from '../../sdk/index.ts';
import { MessageList, type MessageListLabels, type MessageListProps } from './MessageList.tsx';

export const customer = { role: 'customer', id: 'c-1', name: 'Ada' } as const;
export const agent = { role: 'agent', id: 'a-1', name: 'Grace Hopper' } as const;

/**
 * Messages from `from` unless overridden, each with the next seq and minute, so a list built in order
 * reads in order.
 */
export function messageFactory(
  from: LocalMessage['from'],
): (overrides?: Partial<LocalMessage>) => LocalMessage {
  let n = 0;
  return (overrides = {}) => {
    n += 1;
    return {
      chatId: 'chat-1',
      seq: n,
      clientId: `m-${n}`,
      from,
      kind: 'text',
      text: 'hello',
      sentAt: Date.UTC(2025, 0, 1, 10, n),
      delivery: 'sent',
      ...overrides,
    };
  };
}

export const labels: MessageListLabels = {
  log: 'Conversation',
  you: 'You',
  pending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  sentBy: (name, time) => `${name} at ${time}`,
  event: (event, name) => (event === 'agent-joined' ? `${name} joined the chat` : event),
  receipts: { sent: 'Sent', delivered: 'Delivered', read: 'Read' },
  file: {
    download: 'Download',
    open: (name) => `Open ${name}`,
    uploading: (percent) => `Uploading ${percent}%`,
    unavailable: 'File unavailable',
  },
  fileError: (code) => (code === 'FILE_TYPE' ? 'Wrong type' : 'Failed'),
};

export function renderList(messages: LocalMessage[], props: Partial<MessageListProps> = {}) {
  return render(
    <MessageList
      messages={messages}
      selfRole="agent"
      selfId="a-1"
      language="en"
      labels={labels}
      testIds={{ log: 'app.messages', message: 'app.message', retry: 'app.message.retry', file: 'app.file' }}
      authors="other-agents"
      {...props}
    />,
  );
}
