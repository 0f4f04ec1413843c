/**
 * What the gadget uses of the SDK. Components and stores depend on these narrow views, not on the
 * socket, so tests pass small fakes and the composition root (`session.ts`) passes the real SDK
 * objects, which satisfy them structurally.
 */
import type {
  AgentClientToServerEvents,
  AgentServerToClientEvents,
  ChatClient,
  ChatTransport,
} from '../../sdk/index.ts';

/** The chat client's methods the gadget calls; connection handling stays in `session.ts`. */
export type ChatClientPort = Pick<
  ChatClient,
  | 'getState'
  | 'subscribe'
  | 'track'
  | 'send'
  | 'retry'
  | 'setTyping'
  | 'end'
  | 'forget'
  | 'sendFile'
  | 'fileUrl'
  | 'markRead'
>;

export type AgentTransport = ChatTransport<AgentClientToServerEvents, AgentServerToClientEvents>;

/** The agent-only requests and server events the gadget's store handles itself. */
export type AgentTransportPort = Pick<AgentTransport, 'request' | 'on'>;
