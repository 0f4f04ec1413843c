/**
 * A feature of the chat server (collaboration, supervision, the widget conversation, files…): it is
 * given the core when it is created and returns what it adds, which the composition root mounts in
 * the order it lists them (server/createServer.ts). Nothing in a feature reaches back for something
 * created after it.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type {
  AgentClientToServerEvents,
  CustomerClientToServerEvents,
  StartChatPayload,
} from '../../sdk/core/protocol.ts';
import type { TokenClaims, TokenSigner } from '../auth/tokens.ts';
import type { ServerConfig } from '../config.ts';
import type { SharedPresence } from '../features/presence/sharedPresence.ts';
import type { TeamAccess } from '../features/supervision/teamAccess.ts';
import type { Refusals } from '../limits/refusals.ts';
import type { Requests } from '../sockets/handlers.ts';
import type { AgentNotify, AgentSocket, CustomerSocket } from '../sockets/socketTypes.ts';
import type { ChatLog } from './chatLog.ts';
import type { ChatPublisher } from './chatPublisher.ts';
import type { ChatService, Principal } from './chatService.ts';
import type { DomainEventBus } from './events.ts';
import type { OtherNodes } from './otherNodes.ts';
import type { RoutingHooks } from './routing/router.ts';
import type { RoutingPort } from './routing/routingPort.ts';
import type { RoutingModel } from './routing/routingConfig.ts';
import type { Storage } from './storage/storage.ts';
import type { SummaryExtra, Summaries } from './summaries.ts';

/** What every feature is given. */
export interface Core {
  config: ServerConfig;
  storage: Storage;
  events: DomainEventBus;
  chatLog: ChatLog;
  routing: RoutingModel;
  /** Routing: this node's router, or the cluster's routing leader (server/core/routing/routingPort.ts). */
  router: RoutingPort;
  chats: ChatService;
  summaries: Summaries;
  /** Sends a chat's summary to everyone in it; await it before answering a request about the chat. */
  publisher: ChatPublisher;
  tokens: TokenSigner;
  /** Counts and logs what the abuse limits refuse (server/limits). */
  refusals: Refusals;
  log: FastifyBaseLogger;
  /** Sends an agent-namespace event to every socket of these agents (server/sockets). */
  notify: AgentNotify;
  /** Which chats a supervisor may see, for sockets and HTTP alike (server/features/supervision/teamAccess.ts). */
  teams: TeamAccess;
  /** Who the other nodes count there (server/features/presence/sharedPresence.ts); nobody on one node. */
  sharedPresence: SharedPresence;
  /** Questions to the other nodes (server/core/otherNodes.ts); nobody to ask on one node. */
  otherNodes: OtherNodes;
}

export interface Feature {
  name: string;
  /** Its part of every chat summary. */
  summary?: SummaryExtra;
  /** What it adds to offers and to the end of a chat (server/core/routing/router.ts). */
  routing?: RoutingHooks;
  /** Checks a customer's `chat:start` and may change it (pre-chat values, the queue a topic routes to). */
  admitStart?(who: Principal, payload: StartChatPayload): StartChatPayload | Promise<StartChatPayload>;
  /** Its socket events, answered on every socket of the namespace (server/sockets/handlers.ts). */
  agentRequests?: Requests<AgentClientToServerEvents, AgentSocket>;
  customerRequests?: Requests<CustomerClientToServerEvents, CustomerSocket>;
  /** When a socket connects (to count connections, join rooms, watch its disconnect). */
  agentSocket?(socket: AgentSocket, who: Principal, claims: TokenClaims): void;
  customerSocket?(socket: CustomerSocket, who: Principal): void;
  /** Its HTTP routes. */
  routes?(app: FastifyInstance): void | Promise<void>;
  close?(): void | Promise<void>;
}

/** Registers each feature's parts with the core and the edges, in the order given. */
export async function mountFeatures(
  features: readonly Feature[],
  edges: {
    core: Pick<Core, 'summaries' | 'router'>;
    sockets: { mount(feature: Feature): void };
    app: FastifyInstance;
  },
): Promise<void> {
  for (const feature of features) {
    if (feature.summary) edges.core.summaries.extend(feature.summary);
    if (feature.routing) await edges.core.router.use(feature.routing);
    edges.sockets.mount(feature);
    await feature.routes?.(edges.app);
  }
}
