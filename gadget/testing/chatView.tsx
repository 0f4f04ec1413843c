/**
 * An active chat and a ChatView for it with stub handlers, for the gadget tests that render a chat.
 */
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { NO_RECEIPTS, type ChatSummary, type ChatView as ChatViewModel } from '../../sdk/index.ts';
import { ChatView, type ChatViewProps } from '../components/ChatView/ChatView.tsx';

/** Ada's chat in the billing queue, accepted by Grace (agent a-1), with no messages yet. */
export function activeChat(overrides: Partial<ChatSummary> = {}): ChatSummary {
  return {
    id: 'chat-1',
    status: 'active',
    queue: 'billing',
    customer: { id: 'c-1', name: 'Ada' },
    agent: { id: 'a-1', name: 'Grace' },
    preChat: {},
    createdAt: 0,
    acceptedAt: 0,
    endedAt: null,
    endedBy: null,
    lastSeq: 0,
    queuePosition: null,
    ...overrides,
  };
}

/**
 * The ChatView agent a-1 sees for `chat` (no messages unless `view` has some), with `vi.fn()` handlers
 * unless `props` give them.
 */
export function chatViewElement(
  chat: ChatSummary,
  props: Partial<ChatViewProps> = {},
  view: Partial<ChatViewModel> = {},
): ReactElement {
  return (
    <ChatView
      view={{ chat, messages: [], lastSeq: chat.lastSeq, typing: [], receipts: NO_RECEIPTS, ...view }}
      selfId="a-1"
      id="panel"
      labelledBy="tab"
      onSend={vi.fn()}
      onTyping={vi.fn()}
      onRetry={vi.fn()}
      onEnd={vi.fn(async () => {})}
      onClose={vi.fn()}
      {...props}
    />
  );
}
