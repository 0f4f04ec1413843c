/**
 * A supervisor's forced transfer (issue 6): the chat leaves its agent at once, with no offer to
 * accept — back to the head of a queue, or straight to another signed-in agent of the team with a
 * free slot. The customer sees the agent leave and the next one join; both agents' gadgets get the
 * new summary, and the agent who lost it `chat:movedBySupervisor` (whose chat, where it went) so their
 * gadget can say why it left. Its own statements on the shared tables, so it does not depend on the agents'
 * transfer (server/collaboration), which asks the receiving agent first.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { Namespace } from 'socket.io';
import { HybridChatError } from '../../sdk/core/errors.ts';
import type { ChatMovedNotice } from '../../sdk/core/protocol.ts';
import type { ChatService } from '../chatService.ts';
import type { Router } from '../routing/router.ts';
import type { ChatStore, StoredChat } from '../store/chatStore.ts';
import { transaction } from '../store/database.ts';

export interface ForceTransferDeps {
  db: DatabaseSync;
  store: ChatStore;
  router: () => Router;
  service: () => ChatService;
  agents: Namespace;
  now?: () => number;
}

export function createForceTransfer(deps: ForceTransferDeps) {
  const now = deps.now ?? Date.now;
  const q = {
    leave: deps.db.prepare(
      `UPDATE participants SET left_at = ? WHERE chat_id = ? AND role = 'agent' AND participant_id = ? AND left_at IS NULL`,
    ),
    join: deps.db.prepare(
      `INSERT INTO participants (chat_id, role, participant_id, name, joined_at) VALUES (?, 'agent', ?, ?, ?)
       ON CONFLICT DO UPDATE SET left_at = NULL, name = excluded.name`,
    ),
    setOwner: deps.db.prepare(`UPDATE chats SET agent_id = ?, agent_name = ? WHERE id = ?`),
    requeue: deps.db.prepare(
      `UPDATE chats SET status = 'queued', agent_id = NULL, agent_name = NULL, accepted_at = NULL, queue = ? WHERE id = ?`,
    ),
  };

  return function forceTransfer(
    chat: StoredChat,
    to: { queue: string } | { agentId: string },
    by: string,
  ): StoredChat {
    const from = chat.agent;
    if (!from || chat.status !== 'active') throw new HybridChatError('CONFLICT', 'this chat is not active');
    const router = deps.router();
    const service = deps.service();
    let destination: ChatMovedNotice['to'];
    if ('agentId' in to) {
      if (to.agentId === from.id) throw new HybridChatError('CONFLICT', 'the chat is already theirs');
      const target = router.availableAgents(from.id).find((agent) => agent.id === to.agentId);
      if (!target) throw new HybridChatError('CONFLICT', 'that agent cannot take a chat now');
      transaction(deps.db, () => {
        q.leave.run(now(), chat.id, from.id);
        q.setOwner.run(target.id, target.name, chat.id);
        q.join.run(chat.id, target.id, target.name, now());
      });
      router.detachChat(from.id, chat.id);
      router.attachChat(target.id, chat.id, target.name);
      destination = { agent: { id: target.id, name: target.name } };
      service.postEvent(chat.id, 'agent-left', from.name);
      service.postEvent(chat.id, 'agent-joined', target.name);
    } else {
      transaction(deps.db, () => {
        q.leave.run(now(), chat.id, from.id);
        q.requeue.run(to.queue, chat.id);
      });
      router.detachChat(from.id, chat.id);
      service.postEvent(chat.id, 'agent-left', from.name);
      router.requeueFirst(chat.id, [from.id]);
      destination = { queue: to.queue };
    }
    const moved = deps.store.getChat(chat.id) as StoredChat;
    // The new owner (if any) gets it through the usual fanout; the agent it left is told too.
    service.broadcast(chat.id);
    const formerRoom = deps.agents.to(`agent:${from.id}`);
    formerRoom.emit('chat:update', service.summary(moved));
    const notice: ChatMovedNotice = {
      chatId: chat.id,
      customerName: chat.customer.name,
      to: destination,
      by,
    };
    formerRoom.emit('chat:movedBySupervisor', notice);
    return moved;
  };
}
