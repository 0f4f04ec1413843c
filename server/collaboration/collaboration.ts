/**
 * Agents working a chat together (issue 6): transfer to a queue or to a named agent with a note,
 * consult/conference (a second agent joins), and whispers (agent-only notes). Only the chat's
 * owner transfers or invites; owner and conference members whisper. A named agent answers an
 * invite within the offer timeout; a transfer nobody takes goes back to the head of its queue and
 * frees the agent who sent it. The customer sees neutral "… left / … joined" lines, never a note.
 */
import { randomUUID } from 'node:crypto';
import { HybridChatError } from '../../sdk/core/errors.ts';
import type {
  AgentServerToClientEvents,
  ChatOffer,
  ChatSummary,
  InvitePayload,
  SendMessagePayload,
  SyncResult,
  TransferPayload,
  TransferTargets,
  Whisper,
} from '../../sdk/core/protocol.ts';
import type { ChatCollaboration, ChatService, Principal } from '../chatService.ts';
import type { Router } from '../routing/router.ts';
import type { ChatStore, StoredChat } from '../store/chatStore.ts';
import type { CollabStore } from './collabStore.ts';

/** Emits an agent-namespace event to every socket of these agents. */
export type AgentEmit = <K extends keyof AgentServerToClientEvents>(
  agentIds: string[],
  event: K,
  ...args: Parameters<AgentServerToClientEvents[K]>
) => void;

export interface CollaborationOptions {
  store: ChatStore;
  collab: CollabStore;
  service: () => ChatService;
  router: () => Router;
  emit: AgentEmit;
  offerTimeoutMs: number;
  /** Queues a chat can be transferred to. */
  queues: () => string[];
  now?: () => number;
}

interface Invite {
  chatId: string;
  kind: 'transfer' | 'consult';
  from: { id: string; name: string };
  to: { id: string; name: string };
  note: string;
  timer: ReturnType<typeof setTimeout>;
}

export function createCollaboration(options: CollaborationOptions) {
  const { store, collab, emit } = options;
  const now = options.now ?? Date.now;
  /** At most one open invite per chat: a second transfer or consult waits for its answer. */
  const invites = new Map<string, Invite>();

  const agentOf = (who: Principal) => ({ id: who.id, name: who.name });

  /** The chat if `who` owns it: NOT_FOUND for strangers, FORBIDDEN for a conference member. */
  function ownedChat(who: Principal, chatId: string): StoredChat {
    const chat = options.service().ownChat(who, chatId);
    if (chat.agent?.id !== who.id) {
      throw new HybridChatError('FORBIDDEN', 'only the agent who owns the chat can do this');
    }
    if (chat.status !== 'active') throw new HybridChatError('CONFLICT', 'this chat is not active');
    return chat;
  }

  /** Tells agents who are no longer in a chat (so fanout misses them) how it looks now. */
  function tellFormer(agentIds: string[], chatId: string): void {
    const chat = store.getChat(chatId);
    if (chat) emit(agentIds, 'chat:update', options.service().summary(chat));
  }

  function memberIds(chatId: string): string[] {
    return collab.members(chatId).map((member) => member.id);
  }

  function targets(who: Principal): TransferTargets {
    return { agents: options.router().availableAgents(who.id), queues: options.queues() };
  }

  /** Back to the head of the queue; the agent who had it is free again. */
  function requeue(
    chat: StoredChat,
    from: { id: string; name: string },
    queue: string | null,
    skip: string[],
  ) {
    collab.requeue(chat.id, from.id, queue);
    options.service().postEvent(chat.id, 'agent-left', from.name);
    options.router().detachChat(from.id, chat.id);
    options.router().requeueFirst(chat.id, skip);
    options.service().broadcast(chat.id);
    tellFormer([from.id], chat.id);
  }

  /**
   * A transfer's or consult's note also stays with the chat as a whisper from its sender: the offer
   * card that shows it is gone once the chat is taken, and the agent who takes it (and anyone after
   * them) still reads it among the chat's agent-only notes. The customer never can, like any whisper.
   */
  function keepNote(chat: StoredChat, from: { id: string; name: string }, note: string): void {
    if (note.trim() === '') return;
    const { whisper } = collab.addWhisper(
      { chatId: chat.id, clientId: `note:${randomUUID()}`, from, text: note },
      randomUUID(),
    );
    emit([...(chat.agent ? [chat.agent.id] : []), ...memberIds(chat.id)], 'chat:whisper', whisper);
  }

  function settle(invite: Invite, outcome: 'declined' | 'timeout'): void {
    clearTimeout(invite.timer);
    invites.delete(invite.chatId);
    emit([invite.to.id], 'offer:revoked', {
      chatId: invite.chatId,
      reason: outcome === 'timeout' ? 'timeout' : 'declined',
    });
    const chat = store.getChat(invite.chatId);
    if (invite.kind === 'transfer' && chat?.status === 'active' && chat.agent?.id === invite.from.id) {
      const skip = [invite.from.id, invite.to.id];
      collab.setQueuedTransfer(chat.id, invite.from, invite.note);
      requeue(chat, invite.from, null, skip);
    }
    emit([invite.from.id], 'invite:result', {
      chatId: invite.chatId,
      kind: invite.kind,
      agent: invite.to,
      outcome,
    });
  }

  function invite(who: Principal, chat: StoredChat, kind: Invite['kind'], agentId: string, note: string) {
    if (invites.has(chat.id)) {
      throw new HybridChatError('CONFLICT', 'a transfer or consult of this chat is already waiting');
    }
    if (agentId === who.id || memberIds(chat.id).includes(agentId)) {
      throw new HybridChatError('CONFLICT', 'this agent is already in the chat');
    }
    const target = options
      .router()
      .availableAgents(who.id)
      .find((agent) => agent.id === agentId);
    if (!target) throw new HybridChatError('CONFLICT', 'this agent cannot take a chat now');
    const offeredAt = now();
    const entry: Invite = {
      chatId: chat.id,
      kind,
      from: agentOf(who),
      to: target,
      note,
      timer: setTimeout(() => {
        const open = invites.get(chat.id);
        if (open === entry) settle(entry, 'timeout');
      }, options.offerTimeoutMs),
    };
    invites.set(chat.id, entry);
    keepNote(chat, entry.from, note);
    const offer: ChatOffer = {
      chatId: chat.id,
      customer: chat.customer,
      queue: chat.queue,
      preChat: chat.preChat,
      offeredAt,
      expiresAt: offeredAt + options.offerTimeoutMs,
      invite: { kind, via: 'agent', from: agentOf(who), note },
    };
    emit([target.id], 'offer:new', offer);
  }

  const chatCollaboration: ChatCollaboration = {
    isMember: (chatId, agentId) => memberIds(chatId).includes(agentId),
    memberChats: (agentId) =>
      collab
        .memberChats(agentId)
        .map((id) => store.getChat(id))
        .filter((chat): chat is StoredChat => chat !== null),
    describe: (chat): Partial<ChatSummary> => {
      const members = collab.members(chat.id);
      return members.length > 0 ? { collaborators: members } : {};
    },
  };

  return {
    chatCollaboration,
    memberIds,
    /** For router offers: a chat transferred to a queue carries its note and sender (stored: a restart keeps it). */
    offerExtras(chatId: string): Partial<ChatOffer> {
      const queued = collab.queuedTransfer(chatId);
      return queued ? { invite: queued } : {};
    },
    /**
     * Someone took the chat from the queue: its transfer note has been read on the offer (and stays as
     * a whisper), so a later offer of the chat, after a supervisor moves it back to a queue, has none.
     */
    offerAccepted(chatId: string): void {
      collab.clearQueuedTransfer(chatId);
    },
    targets,

    transfer(who: Principal, payload: TransferPayload): { chatId: string } {
      const chat = ownedChat(who, payload.chatId);
      if (payload.queue !== undefined) {
        if (!options.queues().includes(payload.queue))
          throw new HybridChatError('NOT_FOUND', 'no such queue');
        if (invites.has(chat.id)) {
          throw new HybridChatError('CONFLICT', 'a transfer or consult of this chat is already waiting');
        }
        // Conference members leave with the owner: the next agent starts the chat afresh.
        for (const member of collab.members(chat.id)) leave(member, chat.id);
        const from = agentOf(who);
        keepNote(chat, from, payload.note);
        collab.setQueuedTransfer(chat.id, from, payload.note);
        requeue(chat, from, payload.queue, [who.id]);
      } else {
        invite(who, chat, 'transfer', payload.agentId ?? '', payload.note);
      }
      return { chatId: chat.id };
    },

    invite(who: Principal, payload: InvitePayload): { chatId: string } {
      const chat = ownedChat(who, payload.chatId);
      invite(who, chat, 'consult', payload.agentId, payload.note);
      return { chatId: chat.id };
    },

    accept(who: Principal, chatId: string): SyncResult {
      const open = invites.get(chatId);
      if (!open || open.to.id !== who.id) {
        throw new HybridChatError('CONFLICT', 'this chat is not offered to you (it may have timed out)');
      }
      clearTimeout(open.timer);
      invites.delete(chatId);
      const chat = store.getChat(chatId);
      if (!chat || chat.status !== 'active' || chat.agent?.id !== open.from.id) {
        throw new HybridChatError('CONFLICT', 'this chat has moved on');
      }
      const service = options.service();
      const router = options.router();
      if (open.kind === 'transfer') {
        collab.setOwner(chatId, open.from.id, agentOf(who));
        service.postEvent(chatId, 'agent-left', open.from.name);
        router.detachChat(open.from.id, chatId);
      } else {
        collab.join(chatId, agentOf(who));
      }
      router.attachChat(who.id, chatId, who.name);
      service.postEvent(chatId, 'agent-joined', who.name);
      service.broadcast(chatId);
      if (open.kind === 'transfer') tellFormer([open.from.id], chatId);
      emit([open.from.id], 'invite:result', { chatId, kind: open.kind, agent: open.to, outcome: 'accepted' });
      const accepted = store.getChat(chatId) as StoredChat;
      return { chat: service.summary(accepted), messages: store.messagesAfter(chatId, 0) };
    },

    decline(who: Principal, chatId: string): { chatId: string } {
      const open = invites.get(chatId);
      if (!open || open.to.id !== who.id)
        throw new HybridChatError('CONFLICT', 'this chat is not offered to you');
      settle(open, 'declined');
      return { chatId };
    },

    /** A conference member leaves; the owner uses `chat:end` or `chat:transfer` instead. */
    leave(who: Principal, chatId: string): { chatId: string } {
      const chat = options.service().ownChat(who, chatId);
      if (chat.agent?.id === who.id) {
        throw new HybridChatError('CONFLICT', 'the owner of a chat ends or transfers it');
      }
      leave(agentOf(who), chatId);
      return { chatId };
    },

    whisper(who: Principal, payload: SendMessagePayload): Whisper {
      const chat = options.service().ownChat(who, payload.chatId);
      if (chat.status === 'ended') throw new HybridChatError('CONFLICT', 'this chat has ended');
      const { whisper, duplicate } = collab.addWhisper(
        { chatId: chat.id, clientId: payload.clientId, from: agentOf(who), text: payload.text },
        randomUUID(),
      );
      if (duplicate) return whisper;
      // Agent rooms only (every tab of each agent; clients keep whispers by id): the customer
      // namespace has no whisper event at all.
      emit([...(chat.agent ? [chat.agent.id] : []), ...memberIds(chat.id)], 'chat:whisper', whisper);
      return whisper;
    },

    whispers(who: Principal, chatId: string): Whisper[] {
      return collab.whispers(options.service().ownChat(who, chatId).id);
    },

    /** The chat has ended: members leave it, and an open invite is withdrawn. */
    chatEnded(chatId: string): void {
      collab.clearQueuedTransfer(chatId);
      const open = invites.get(chatId);
      if (open) {
        clearTimeout(open.timer);
        invites.delete(chatId);
        emit([open.to.id], 'offer:revoked', { chatId, reason: 'customer-left' });
      }
      for (const id of memberIds(chatId)) options.router().detachChat(id, chatId);
    },

    close(): void {
      for (const open of invites.values()) clearTimeout(open.timer);
      invites.clear();
    },
  };

  function leave(agent: { id: string; name: string }, chatId: string): void {
    collab.leave(chatId, agent.id);
    options.router().detachChat(agent.id, chatId);
    options.service().postEvent(chatId, 'agent-left', agent.name);
    options.service().broadcast(chatId);
    tellFormer([agent.id], chatId);
  }
}

export type Collaboration = ReturnType<typeof createCollaboration>;
