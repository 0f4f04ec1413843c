/**
 * The core's domain events (server/core/events.ts) as socket.io events, to the rooms of the people
 * they concern: messages and summaries to a chat's customer and agents, typing to the other side,
 * status and offers to the agent. Summaries arrive computed (server/core/chatPublisher.ts).
 */
import type { Namespace } from 'socket.io';
import type {
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
} from '../../sdk/core/protocol.ts';
import type { DomainEventBus } from '../core/events.ts';
import { agentRoom, customerRoom } from './rooms.ts';
import type { SocketData } from './socketTypes.ts';

export type CustomerNamespace = Namespace<
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
  object,
  SocketData
>;
export type AgentNamespace = Namespace<
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  object,
  SocketData
>;

export interface DeliveryDeps {
  customers: CustomerNamespace;
  agents: AgentNamespace;
  events: DomainEventBus;
  /** `gadget` sync: the gadget applies blending's voice changes; in `server` sync the server does. */
  voiceToGadget: boolean;
  /** Several nodes share the rooms (socket.io's Redis adapter): what this node sees of a room is not all of it. */
  clustered?: boolean;
}

/**
 * An event to one room's sockets but `except`. Most rooms hold one socket (a participant's one tab),
 * and the sender's own room often holds only the sender: emitted to that socket directly, or not at
 * all, rather than through a broadcast that encodes the packet and builds its sets for nobody. With
 * several nodes the room's other sockets may be elsewhere: always a broadcast through the adapter.
 */
function toRoom(
  namespace: Namespace,
  room: string,
  except: string | undefined,
  event: string,
  payload: unknown,
  clustered: boolean,
): void {
  if (clustered) {
    namespace
      .to(room)
      .except(except ? [except] : [])
      .emit(event, payload);
    return;
  }
  const sockets = namespace.adapter.rooms.get(room);
  if (!sockets || sockets.size === 0) return;
  if (sockets.size === 1) {
    const [only] = sockets;
    if (only !== undefined && only !== except) namespace.sockets.get(only)?.emit(event, payload);
    return;
  }
  namespace
    .to(room)
    .except(except ? [except] : [])
    .emit(event, payload);
}

export function deliverDomainEvents(deps: DeliveryDeps): void {
  const { customers, agents, events } = deps;
  const clustered = deps.clustered ?? false;
  const toAgents = (ids: readonly string[]) => agents.to(ids.map(agentRoom));

  events.on('message', ({ message, audience, except }) => {
    // The sender's other tabs still get it; the sending socket has it in its ack.
    toRoom(customers, customerRoom(audience.customerId), except, 'chat:message', message, clustered);
    if (audience.agentIds.length === 1) {
      toRoom(agents, agentRoom(audience.agentIds[0] as string), except, 'chat:message', message, clustered);
    } else if (audience.agentIds.length > 1) {
      toAgents(audience.agentIds)
        .except(except ? [except] : [])
        .emit('chat:message', message);
    }
  });

  events.on('chatUpdated', ({ summary, audience, alsoTo }) => {
    customers.to(customerRoom(audience.customerId)).emit('chat:update', summary);
    const rooms = [...new Set([...audience.agentIds, ...alsoTo])];
    if (rooms.length > 0) toAgents(rooms).emit('chat:update', summary);
  });

  events.on('typing', ({ notice, chat }) => {
    // Only the other side hears it.
    if (notice.from.role === 'agent')
      customers.to(customerRoom(chat.customer.id)).emit('chat:typing', notice);
    else if (chat.agent) agents.to(agentRoom(chat.agent.id)).emit('chat:typing', notice);
  });

  events.on('receipt', ({ notice, audience }) => {
    customers.to(customerRoom(audience.customerId)).emit('chat:receipt', notice);
    if (audience.agentIds.length > 0) toAgents(audience.agentIds).emit('chat:receipt', notice);
  });

  events.on('whisper', ({ whisper, agentIds }) => {
    if (agentIds.length > 0) toAgents(agentIds).emit('chat:whisper', whisper);
  });

  events.on('agentStatus', ({ agentId, status }) =>
    agents.to(agentRoom(agentId)).emit('agent:status', status),
  );
  events.on('offer', ({ agentId, offer }) => agents.to(agentRoom(agentId)).emit('offer:new', offer));
  events.on('offerRevoked', ({ agentId, chatId, reason }) =>
    agents.to(agentRoom(agentId)).emit('offer:revoked', { chatId, reason }),
  );
  if (deps.voiceToGadget) {
    events.on('voiceAction', ({ agentId, action }) =>
      agents.to(agentRoom(agentId)).emit('agent:voiceAction', action),
    );
  }
}
