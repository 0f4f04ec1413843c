/**
 * What a bare relay does with `message:send`, for both benchmarks' baselines: a seq from an in-memory
 * counter, the message to the other namespace's room of the chat, then the ack — the chat server's
 * order (fan-out, then ack) with none of its work.
 */
import type { Namespace } from 'socket.io';
import type { ChatMessage } from '../../sdk/core/protocol.ts';

type Ack = (result: unknown) => void;

/** `lastSeq`: per chat, shared by both directions (one chat, one seq). */
export function relayMessages(
  from: Namespace,
  to: Namespace,
  role: 'customer' | 'agent',
  lastSeq: Map<string, number>,
): void {
  from.on('connection', (socket) => {
    socket.on('message:send', (payload: { chatId: string; clientId: string; text: string }, ack: Ack) => {
      const seq = (lastSeq.get(payload.chatId) ?? 0) + 1;
      lastSeq.set(payload.chatId, seq);
      const message: ChatMessage = {
        chatId: payload.chatId,
        seq,
        clientId: payload.clientId,
        from: { role, id: socket.id, name: role },
        kind: 'text',
        text: payload.text,
        sentAt: Date.now(),
      };
      to.to(payload.chatId).emit('chat:message', message);
      ack({ ok: true, data: { message } });
    });
  });
}
