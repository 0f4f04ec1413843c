/**
 * Fills what Redis pub/sub lost while it was down. The nodes keep serving meanwhile: a message is
 * stored and acknowledged by the node its sender is on, but socket.io's Redis adapter cannot carry it
 * to sockets on other nodes, and pub/sub does not replay. When Redis answers again, every node sends
 * each of its own sockets the summaries of that participant's open chats; a summary carries the
 * chat's last sequence number, and a client behind it asks for the rest (`chat:sync`, the same gap
 * fill as after a reconnect; sdk/core/chatSync.ts).
 */
import type { ChatSummary } from '../../sdk/core/protocol.ts';
import type { Principal } from '../core/chatService.ts';
import type { SocketData } from '../sockets/socketTypes.ts';
import type { RedisClients } from './redisClients.ts';

export interface ResyncDeps {
  clients: Pick<RedisClients, 'adapterSubscriber'>;
  /** socket.io's namespaces: this node's own sockets in each. */
  namespaces: ReadonlyArray<{ sockets: ReadonlyMap<string, { data: SocketData; emit: unknown }> }>;
  /** The participant's open chats (the same list `chat:list` answers). */
  chatsOf(who: Principal): Promise<ChatSummary[]>;
  log: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export function resyncAfterRedisOutage(deps: ResyncDeps): void {
  let lost = false;
  const { adapterSubscriber } = deps.clients;
  adapterSubscriber.on('close', () => {
    lost = true;
  });
  adapterSubscriber.on('ready', () => {
    if (!lost) return;
    lost = false;
    void resync().catch((error: unknown) =>
      deps.log.warn({ err: error }, 'resync after a Redis outage failed'),
    );
  });

  async function resync(): Promise<void> {
    let sockets = 0;
    for (const namespace of deps.namespaces) {
      for (const socket of namespace.sockets.values()) {
        const who = socket.data.principal;
        const summaries = await deps.chatsOf(who);
        // Straight to this node's socket: the event is about what pub/sub may not have carried.
        const emit = socket.emit as (event: string, summary: ChatSummary) => boolean;
        for (const summary of summaries) emit.call(socket, 'chat:update', summary);
        sockets += 1;
      }
    }
    deps.log.info({ sockets }, 'Redis back: open chats resent to this node’s sockets');
  }
}
