/**
 * Presence: every open chat's summary says whether its customer and its owning agent are connected
 * (`ChatSummary.presence`, sdk/core/protocol/chat.ts), and a change is published to both sides as a
 * `chat:update`. The gadget tells the agent that the customer's connection is gone; the widget stops
 * promising "Online" while its own connection or the agent's desktop is gone.
 *
 * The grace periods: a customer counts as gone after a few seconds without a socket (the agent
 * should know soon, but not on every reload); an agent's desktop after 30 s, long enough for a
 * Finesse desktop reload or a failover to the other Finesse node.
 */
import type { ParticipantRole } from '../../../sdk/core/protocol.ts';
import type { Core, Feature } from '../../core/feature.ts';
import { createPresenceTracker } from './presenceTracker.ts';

export const CUSTOMER_GRACE_MS = 5_000;
export const AGENT_GRACE_MS = 30_000;

export interface PresenceOptions {
  customerGraceMs?: number;
  agentGraceMs?: number;
}

export function presenceFeature(core: Core, options: PresenceOptions = {}): Feature {
  const { storage, publisher, log } = core;

  /** The open chats where this participant is the customer or the owner. */
  async function chatsOf(role: ParticipantRole, id: string) {
    const chats =
      role === 'customer'
        ? await storage.chats.ofCustomer(id, Number.MAX_SAFE_INTEGER)
        : await storage.chats.ofAgent(id);
    return chats.filter((chat) => chat.status !== 'ended');
  }

  const shared = core.sharedPresence;
  const online = async (role: ParticipantRole, id: string) =>
    tracker.online(role, id) || (await shared.elsewhere(role, id).catch(() => false));

  const tracker = createPresenceTracker({
    graceMs: (role) =>
      role === 'customer'
        ? (options.customerGraceMs ?? CUSTOMER_GRACE_MS)
        : (options.agentGraceMs ?? AGENT_GRACE_MS),
    onChange(role, id, there) {
      shared.set(role, id, there);
      chatsOf(role, id)
        .then((chats) => Promise.all(chats.map((chat) => publisher.publish(chat.id))))
        .catch((error: unknown) => log.warn({ err: error, role, id }, 'presence change not published'));
    },
  });

  return {
    name: 'presence',
    summary: async (chat) =>
      chat.status === 'ended'
        ? {}
        : {
            presence: {
              customer: await online('customer', chat.customer.id),
              agent: chat.agent ? await online('agent', chat.agent.id) : null,
            },
          },
    customerSocket(socket, who) {
      tracker.connected('customer', who.id);
      socket.on('disconnect', () => tracker.disconnected('customer', who.id));
    },
    agentSocket(socket, who) {
      tracker.connected('agent', who.id);
      socket.on('disconnect', () => tracker.disconnected('agent', who.id));
    },
    async close() {
      tracker.close();
      await shared.close();
    },
  };
}
