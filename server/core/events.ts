/**
 * The chat core's domain events: what happened, for whoever needs to know. The socket edge turns them
 * into socket.io events for the right rooms (server/sockets/delivery.ts); features listen too (the
 * supervisor's team view, Finesse sync). Emitting never waits for a listener, and a listener that
 * throws is logged without stopping the others.
 */
import { Emitter } from '../../sdk/core/emitter.ts';
import type {
  AgentStatus,
  ChatMessage,
  ChatOffer,
  ChatSummary,
  OfferRevokedReason,
  ReceiptNotice,
  TypingNotice,
  VoiceActionNotice,
  Whisper,
} from '../../sdk/core/protocol.ts';
import type { ChatAudience } from './chatLog.ts';
import type { StoredChat } from './storage/storage.ts';

export interface DomainEvents extends Record<string, unknown> {
  /** A message is stored (committed). `except`: the sender's socket, which has it in its ack already. */
  message: { message: ChatMessage; chat: StoredChat; audience: ChatAudience; except?: string };
  /** A chat has ended (stored); the router has freed or held its agent's slot. */
  chatEnded: { chat: StoredChat };
  /** A chat changed (status, owner, queue position, estimate…): its summary is to be sent (chatPublisher.ts). */
  chatChanged: { chatId: string; alsoTo?: string[] };
  /** A chat's new summary, for its audience and `alsoTo` (agents no longer in it who must see it). */
  chatUpdated: { summary: ChatSummary; audience: ChatAudience; alsoTo: readonly string[] };
  typing: { notice: TypingNotice; chat: StoredChat };
  /** An agent-only note (server/features/collaboration): to these agents, and to the chat's monitors. */
  whisper: { whisper: Whisper; agentIds: string[] };
  receipt: { notice: ReceiptNotice; audience: ChatAudience };
  agentStatus: { agentId: string; status: AgentStatus };
  offer: { agentId: string; offer: ChatOffer };
  offerRevoked: { agentId: string; chatId: string; reason: OfferRevokedReason };
  /** Media blending wants the agent's Finesse voice state changed (docs/routing.md, "How a chat is routed"). */
  voiceAction: { agentId: string; action: VoiceActionNotice };
  /** Whether any Finesse node answers: routing halts while none does (publisher/subscriber failover). */
  finesseAvailability: { available: boolean };
  /** An agent's Finesse credentials were accepted at sign-in. */
  agentSignedIn: { agentId: string; authorization: string };
}

export type DomainEventBus = Emitter<DomainEvents>;

export function createDomainEvents(log: { error(obj: object, msg: string): void }): DomainEventBus {
  return new Emitter<DomainEvents>((error) => log.error({ err: error }, 'domain event listener failed'));
}
