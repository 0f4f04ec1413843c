/**
 * Agents working a chat together: transfer to a queue or to a named agent with a note,
 * consult/conference (a second agent joins), and whispers (agent-only notes). Only the chat's owner
 * transfers or invites; owner and conference members whisper. A named agent answers an invite within
 * the offer timeout; a transfer nobody takes goes back to the head of its queue (the routing engine's
 * own requeue) and frees the agent who sent it. The customer sees neutral "… left / … joined" lines,
 * never a note.
 */
import type { LocalizedLabel } from '../../../sdk/core/labels.ts';
import { randomUUID } from 'node:crypto';
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type {
  ChatOffer,
  InvitePayload,
  SendMessagePayload,
  SyncResult,
  TransferPayload,
  TransferTargets,
  Whisper,
} from '../../../sdk/core/protocol.ts';
import type { Principal } from '../../core/chatService.ts';
import type { Core } from '../../core/feature.ts';
import type { AgentRef, StoredChat } from '../../core/storage/storage.ts';

export interface CollaborationOptions {
  core: Pick<Core, 'storage' | 'chats' | 'router' | 'chatLog' | 'events' | 'notify' | 'publisher'> &
    Partial<Pick<Core, 'otherNodes'>>;
  offerTimeoutMs: number;
  /** Queues a chat can be transferred to. */
  queues: () => string[];
  /** A queue's label from the queue settings, if it has one. */
  queueLabel?: (queue: string) => LocalizedLabel | undefined;
  now?: () => number;
}

interface Invite {
  chatId: string;
  kind: 'transfer' | 'consult';
  from: AgentRef;
  to: AgentRef;
  note: string;
  timer: ReturnType<typeof setTimeout>;
}

/** What an invite says, as it travels to the node of the agent who takes it. */
type InviteTerms = Omit<Invite, 'timer'>;

export function createCollaboration(options: CollaborationOptions) {
  const { storage, chats, router, chatLog, events, notify, publisher } = options.core;
  const otherNodes = options.core.otherNodes;
  const now = options.now ?? Date.now;
  /** At most one open invite per chat: a second transfer or consult waits for its answer. */
  const invites = new Map<string, Invite>();
  const agentOf = (who: Principal): AgentRef => ({ id: who.id, name: who.name });
  const memberIds = async (chatId: string) =>
    (await storage.participants.members(chatId)).map((member) => member.id);
  /** Awaited before an answer: every tab, the former owner's too, sees the chat as it now is. */
  const changed = (chatId: string, alsoTo?: string[]) => publisher.publish(chatId, alsoTo);

  /** The chat if `who` owns it: NOT_FOUND for strangers, FORBIDDEN for a conference member. */
  async function ownedChat(who: Principal, chatId: string): Promise<StoredChat> {
    const chat = await chats.ownChat(who, chatId);
    if (chat.agent?.id !== who.id) {
      throw new HybridChatError('FORBIDDEN', 'only the agent who owns the chat can do this');
    }
    if (chat.status !== 'active') throw new HybridChatError('CONFLICT', 'this chat is not active');
    return chat;
  }

  async function whisperTo(chat: StoredChat, whisper: Whisper): Promise<void> {
    // Agent rooms only (every tab of each agent; clients keep whispers by id): the customer namespace
    // has no whisper event at all. Supervisors watching the chat get it too (server/features/supervision).
    const agentIds = [...(chat.agent ? [chat.agent.id] : []), ...(await memberIds(chat.id))];
    events.emit('whisper', { whisper, agentIds });
  }

  /**
   * A transfer's or consult's note also stays with the chat as a whisper from its sender: the offer
   * card that shows it is gone once the chat is taken, and the agent who takes it (and anyone after
   * them) still reads it among the chat's agent-only notes. The customer never can, like any whisper.
   */
  async function keepNote(chat: StoredChat, from: AgentRef, note: string): Promise<void> {
    if (note.trim() === '') return;
    const { whisper } = await storage.collaboration.addWhisper({
      chatId: chat.id,
      id: randomUUID(),
      clientId: `note:${randomUUID()}`,
      from,
      text: note,
    });
    await whisperTo(chat, whisper);
  }

  /** Back to the head of a queue; the agent who had it is free again and told how it looks now. */
  async function requeue(chat: StoredChat, from: AgentRef, queue: string, skip: string[]): Promise<void> {
    await router.requeue(chat, { from: from.id, queue, passedBy: skip });
    await chatLog.postEvent(chat.id, 'agent-left', from.name);
    await changed(chat.id, [from.id]);
  }

  async function leave(agent: AgentRef, chatId: string): Promise<void> {
    await storage.participants.leave(chatId, agent.id);
    await router.detachChat(agent.id, chatId);
    await chatLog.postEvent(chatId, 'agent-left', agent.name);
    await changed(chatId, [agent.id]);
  }

  /** The open invite of `chatId` to `agentId`, taken out of this node's keeping (its timer stopped). */
  function take(chatId: string, agentId: string): InviteTerms | null {
    const open = invites.get(chatId);
    if (!open || open.to.id !== agentId) return null;
    clearTimeout(open.timer);
    invites.delete(chatId);
    return { chatId: open.chatId, kind: open.kind, from: open.from, to: open.to, note: open.note };
  }

  // Several nodes: the invited agent may be on another node than the one keeping the invite.
  otherNodes?.answer('invite', async (payload) => {
    const { action, chatId, agentId } = payload as {
      action: 'take' | 'decline';
      chatId: string;
      agentId: string;
    };
    const open = invites.get(chatId);
    if (!open || open.to.id !== agentId) return undefined;
    if (action === 'take') return take(chatId, agentId);
    await settle(open, 'declined');
    return { chatId };
  });

  async function settle(invite: Invite, outcome: 'declined' | 'timeout'): Promise<void> {
    clearTimeout(invite.timer);
    invites.delete(invite.chatId);
    notify([invite.to.id], 'offer:revoked', { chatId: invite.chatId, reason: outcome });
    const chat = await storage.chats.get(invite.chatId);
    if (invite.kind === 'transfer' && chat?.status === 'active' && chat.agent?.id === invite.from.id) {
      await storage.collaboration.setQueuedTransfer(chat.id, invite.from, invite.note);
      await requeue(chat, invite.from, chat.queue, [invite.from.id, invite.to.id]);
    }
    notify([invite.from.id], 'invite:result', {
      chatId: invite.chatId,
      kind: invite.kind,
      agent: invite.to,
      outcome,
    });
  }

  async function invite(
    who: Principal,
    chat: StoredChat,
    kind: Invite['kind'],
    agentId: string,
    note: string,
  ) {
    if (invites.has(chat.id)) {
      throw new HybridChatError('CONFLICT', 'a transfer or consult of this chat is already waiting');
    }
    if (agentId === who.id || (await memberIds(chat.id)).includes(agentId)) {
      throw new HybridChatError('CONFLICT', 'this agent is already in the chat');
    }
    const target = (await router.availableAgents(who.id)).find((agent) => agent.id === agentId);
    if (!target) throw new HybridChatError('CONFLICT', 'this agent cannot take a chat now');
    // Checked again after the awaits above: only one invite per chat.
    if (invites.has(chat.id)) {
      throw new HybridChatError('CONFLICT', 'a transfer or consult of this chat is already waiting');
    }
    const offeredAt = now();
    const entry: Invite = {
      chatId: chat.id,
      kind,
      from: agentOf(who),
      to: target,
      note,
      timer: setTimeout(() => {
        if (invites.get(chat.id) === entry) void settle(entry, 'timeout');
      }, options.offerTimeoutMs),
    };
    invites.set(chat.id, entry);
    await keepNote(chat, entry.from, note);
    const offer: ChatOffer = {
      chatId: chat.id,
      customer: chat.customer,
      queue: chat.queue,
      preChat: chat.preChat,
      offeredAt,
      expiresAt: offeredAt + options.offerTimeoutMs,
      invite: { kind, via: 'agent', from: agentOf(who), note },
    };
    notify([target.id], 'offer:new', offer);
  }

  return {
    memberIds,
    async targets(who: Principal): Promise<TransferTargets> {
      const queues = options.queues();
      const queueLabels: Record<string, LocalizedLabel> = {};
      for (const queue of queues) {
        const label = options.queueLabel?.(queue);
        if (label !== undefined) queueLabels[queue] = label;
      }
      return {
        agents: await router.availableAgents(who.id),
        queues,
        ...(Object.keys(queueLabels).length > 0 ? { queueLabels } : {}),
      };
    },

    async transfer(who: Principal, payload: TransferPayload): Promise<{ chatId: string }> {
      const chat = await ownedChat(who, payload.chatId);
      if (payload.queue === undefined) {
        await invite(who, chat, 'transfer', payload.agentId ?? '', payload.note);
        return { chatId: chat.id };
      }
      if (!options.queues().includes(payload.queue)) throw new HybridChatError('NOT_FOUND', 'no such queue');
      if (invites.has(chat.id)) {
        throw new HybridChatError('CONFLICT', 'a transfer or consult of this chat is already waiting');
      }
      // Conference members leave with the owner: the next agent starts the chat afresh.
      for (const member of await storage.participants.members(chat.id)) await leave(member, chat.id);
      const from = agentOf(who);
      await keepNote(chat, from, payload.note);
      await storage.collaboration.setQueuedTransfer(chat.id, from, payload.note);
      await requeue(chat, from, payload.queue, [who.id]);
      return { chatId: chat.id };
    },

    async invite(who: Principal, payload: InvitePayload): Promise<{ chatId: string }> {
      const chat = await ownedChat(who, payload.chatId);
      await invite(who, chat, 'consult', payload.agentId, payload.note);
      return { chatId: chat.id };
    },

    async accept(who: Principal, chatId: string): Promise<SyncResult> {
      const open =
        take(chatId, who.id) ??
        ((await otherNodes?.ask('invite', { action: 'take', chatId, agentId: who.id })) as
          InviteTerms | undefined);
      if (!open) {
        throw new HybridChatError('CONFLICT', 'this chat is not offered to you (it may have timed out)');
      }
      const chat = await storage.chats.get(chatId);
      if (!chat || chat.status !== 'active' || chat.agent?.id !== open.from.id) {
        throw new HybridChatError('CONFLICT', 'this chat has moved on');
      }
      if (open.kind === 'transfer') {
        await storage.chats.setOwner(chatId, open.from.id, agentOf(who));
        await router.detachChat(open.from.id, chatId);
        await chatLog.postEvent(chatId, 'agent-left', open.from.name);
      } else {
        await storage.participants.join(chatId, agentOf(who));
      }
      await router.attachChat(who.id, chatId, who.name);
      await chatLog.postEvent(chatId, 'agent-joined', who.name);
      await changed(chatId, open.kind === 'transfer' ? [open.from.id] : undefined);
      notify([open.from.id], 'invite:result', {
        chatId,
        kind: open.kind,
        agent: open.to,
        outcome: 'accepted',
      });
      return chats.sync(who, { chatId, afterSeq: 0 });
    },

    async decline(who: Principal, chatId: string): Promise<{ chatId: string }> {
      const open = invites.get(chatId);
      if (open && open.to.id === who.id) {
        await settle(open, 'declined');
        return { chatId };
      }
      const elsewhere = await otherNodes?.ask('invite', { action: 'decline', chatId, agentId: who.id });
      if (elsewhere === undefined) throw new HybridChatError('CONFLICT', 'this chat is not offered to you');
      return { chatId };
    },

    /** A conference member leaves; the owner uses `chat:end` or `chat:transfer` instead. */
    async leave(who: Principal, chatId: string): Promise<{ chatId: string }> {
      const chat = await chats.ownChat(who, chatId);
      if (chat.agent?.id === who.id)
        throw new HybridChatError('CONFLICT', 'the owner of a chat ends or transfers it');
      await leave(agentOf(who), chatId);
      return { chatId };
    },

    async whisper(who: Principal, payload: SendMessagePayload): Promise<Whisper> {
      const chat = await chats.ownChat(who, payload.chatId);
      if (chat.status === 'ended') throw new HybridChatError('CONFLICT', 'this chat has ended');
      const { whisper, duplicate } = await storage.collaboration.addWhisper({
        chatId: chat.id,
        id: randomUUID(),
        clientId: payload.clientId,
        from: agentOf(who),
        text: payload.text,
      });
      if (!duplicate) await whisperTo(chat, whisper);
      return whisper;
    },

    async whispers(who: Principal, chatId: string): Promise<Whisper[]> {
      return storage.collaboration.whispers((await chats.ownChat(who, chatId)).id);
    },

    /** The chat has ended: members leave it, and an open invite is withdrawn. */
    async chatEnded(chat: StoredChat): Promise<void> {
      await storage.collaboration.clearQueuedTransfer(chat.id);
      const open = invites.get(chat.id);
      if (open) {
        clearTimeout(open.timer);
        invites.delete(chat.id);
        notify([open.to.id], 'offer:revoked', { chatId: chat.id, reason: 'customer-left' });
      }
      for (const id of await memberIds(chat.id)) await router.detachChat(id, chat.id);
    },

    close(): void {
      for (const open of invites.values()) clearTimeout(open.timer);
      invites.clear();
    },
  };
}

export type Collaboration = ReturnType<typeof createCollaboration>;
