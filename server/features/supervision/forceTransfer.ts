/**
 * A supervisor's forced transfer: the chat leaves its agent at once, with no offer to
 * accept — back to the head of a queue (the routing engine's own requeue), or straight to another
 * signed-in agent of the team with a free slot. The customer sees the agent leave and the next one
 * join; both agents' gadgets get the new summary, and the agent who lost it `chat:movedBySupervisor`
 * (whose chat, where it went) so their gadget can say why it left.
 */
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type { ChatMovedNotice } from '../../../sdk/core/protocol.ts';
import type { Core } from '../../core/feature.ts';
import type { StoredChat } from '../../core/storage/storage.ts';

export type ForceTransferCore = Pick<Core, 'storage' | 'router' | 'chatLog' | 'publisher' | 'notify'>;

export async function forceTransfer(
  core: ForceTransferCore,
  chat: StoredChat,
  to: { queue: string } | { agentId: string },
  by: string,
): Promise<StoredChat> {
  const from = chat.agent;
  if (!from || chat.status !== 'active') throw new HybridChatError('CONFLICT', 'this chat is not active');
  const { storage, router, chatLog } = core;
  let destination: ChatMovedNotice['to'];
  if ('agentId' in to) {
    if (to.agentId === from.id) throw new HybridChatError('CONFLICT', 'the chat is already theirs');
    const target = (await router.availableAgents(from.id)).find((agent) => agent.id === to.agentId);
    if (!target) throw new HybridChatError('CONFLICT', 'that agent cannot take a chat now');
    await storage.chats.setOwner(chat.id, from.id, target);
    await router.detachChat(from.id, chat.id);
    await router.attachChat(target.id, chat.id, target.name);
    destination = { agent: target };
    await chatLog.postEvent(chat.id, 'agent-left', from.name);
    await chatLog.postEvent(chat.id, 'agent-joined', target.name);
  } else {
    await router.requeue(chat, { from: from.id, queue: to.queue, passedBy: [from.id] });
    await chatLog.postEvent(chat.id, 'agent-left', from.name);
    destination = { queue: to.queue };
  }
  // The new owner (if any) gets it through the usual delivery; the agent it left is told too.
  await core.publisher.publish(chat.id, [from.id]);
  core.notify([from.id], 'chat:movedBySupervisor', {
    chatId: chat.id,
    customerName: chat.customer.name,
    to: destination,
    by,
  });
  return (await storage.chats.get(chat.id)) ?? chat;
}
