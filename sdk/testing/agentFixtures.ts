/** Sample offer, chat and routing state for tests of agent desktops (`hybrid-chat/sdk/testing`). */
import type { AgentStatus, ChatOffer, ChatSummary } from '../core/protocol.ts';

export const sampleOffer: ChatOffer = {
  chatId: 'chat-1',
  customer: { id: 'c-1', name: 'Ada' },
  queue: 'default',
  preChat: { name: 'Ada' },
  offeredAt: 1_000,
  expiresAt: 31_000,
};

export const sampleChat: ChatSummary = {
  id: 'chat-1',
  status: 'active',
  queue: 'default',
  customer: { id: 'c-1', name: 'Ada' },
  agent: { id: 'a-1', name: 'Grace' },
  preChat: { name: 'Ada' },
  createdAt: 1_000,
  acceptedAt: 2_000,
  endedAt: null,
  endedBy: null,
  lastSeq: 3,
  queuePosition: null,
};

export const sampleReadyStatus: AgentStatus = {
  state: 'READY',
  requested: 'READY',
  reason: null,
  activeChats: 0,
  maxChats: 3,
};
