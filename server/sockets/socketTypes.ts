/** The typed sockets of the two namespaces, and what the handshake leaves on each (`socket.data`). */
import type { Socket } from 'socket.io';
import type {
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
} from '../../sdk/core/protocol.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import type { Principal } from '../core/chatService.ts';

export interface SocketData {
  principal: Principal;
  /** The verified session token's claims (role, team, supervisor teams…). */
  claims: TokenClaims;
}

export type CustomerSocket = Socket<
  CustomerClientToServerEvents,
  CustomerServerToClientEvents,
  object,
  SocketData
>;
export type AgentSocket = Socket<AgentClientToServerEvents, AgentServerToClientEvents, object, SocketData>;

/** Sends an agent-namespace event to every socket of these agents. */
export type AgentNotify = <K extends keyof AgentServerToClientEvents>(
  agentIds: readonly string[],
  event: K,
  ...args: Parameters<AgentServerToClientEvents[K]>
) => void;
