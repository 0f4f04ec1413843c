/**
 * What the rest of the server asks of routing. On one node it is the router itself
 * (`localRouting`); with several nodes it is the cluster's routing leader, reached over Redis
 * (server/cluster/clusterRouting.ts). Every answer is a promise because it may come from another
 * node; the router's own methods stay synchronous where they were.
 */
import type { AgentStatus, VoiceReport } from '../../../sdk/core/protocol.ts';
import type { StoredChat } from '../storage/storage.ts';
import type { RoutingHooks, Router, Staffing } from './router.ts';

export type ChatCounts = ReturnType<Router['chatCounts']>;
export type QueueLine = ReturnType<Router['lines']>[number];

export interface RoutingPort {
  /** Features' hooks, kept for every router this node runs (a new routing leader's too). */
  use(hooks: RoutingHooks): Promise<void>;

  queuePosition(chatId: string): Promise<number | null>;
  waiting(chatId: string): Promise<{ queue: string; waitingSince: number } | null>;
  maxWaitReached(chatId: string): Promise<boolean>;
  lines(): Promise<QueueLine[]>;
  staffing(queue: string): Promise<Staffing>;
  staffed(queue: string): Promise<boolean>;
  agentStatus(agentId: string): Promise<AgentStatus>;
  availableAgents(exceptId?: string): Promise<Array<{ id: string; name: string }>>;
  chatCounts(): Promise<ChatCounts>;

  agentConnected(agentId: string, name: string, teamId?: string): Promise<AgentStatus>;
  agentDisconnected(agentId: string): Promise<void>;
  reportVoice(agentId: string, voice: VoiceReport): Promise<AgentStatus>;
  setRequestedState(agentId: string, state: 'READY' | 'NOT_READY'): Promise<AgentStatus>;
  chatQueued(chat: StoredChat): Promise<void>;
  accept(agentId: string, chatId: string): Promise<StoredChat>;
  decline(agentId: string, chatId: string): Promise<void>;
  chatEnded(chat: StoredChat): Promise<void>;
  requeue(chat: StoredChat, input: { from: string; queue: string; passedBy: string[] }): Promise<StoredChat>;
  attachChat(agentId: string, chatId: string, name?: string): Promise<void>;
  detachChat(agentId: string, chatId: string): Promise<void>;
  holdWrapUp(agentId: string, chatId: string): Promise<void>;
  releaseWrapUp(agentId: string, chatId: string): Promise<void>;

  close(): void | Promise<void>;
}

/** The calls a node may make of the routing leader: every method but `use` and `close`. */
export type RoutingCall = Exclude<keyof RoutingPort, 'use' | 'close'>;

/** Runs one call on a router (the routing leader does this for every node's calls). */
export async function callRouter(router: Router, method: RoutingCall, args: unknown[]): Promise<unknown> {
  const call = router[method] as (...values: unknown[]) => unknown;
  return await call(...args);
}

/** One node: the router answers directly. */
export function localRouting(router: Router): RoutingPort {
  const port = {} as Record<RoutingCall, (...args: unknown[]) => Promise<unknown>>;
  for (const method of ROUTING_CALLS) port[method] = (...args) => callRouter(router, method, args);
  return {
    ...(port as unknown as Omit<RoutingPort, 'use' | 'close'>),
    use: (hooks) => router.use(hooks),
    close: () => router.close(),
  };
}

export const ROUTING_CALLS: readonly RoutingCall[] = [
  'queuePosition',
  'waiting',
  'maxWaitReached',
  'lines',
  'staffing',
  'staffed',
  'agentStatus',
  'availableAgents',
  'chatCounts',
  'agentConnected',
  'agentDisconnected',
  'reportVoice',
  'setRequestedState',
  'chatQueued',
  'accept',
  'decline',
  'chatEnded',
  'requeue',
  'attachChat',
  'detachChat',
  'holdWrapUp',
  'releaseWrapUp',
];
