/**
 * Supervisors subscribed to their team view: a snapshot now, then a fresh one pushed whenever
 * something it shows may have changed — gathered for a moment (150 ms) and sent only when it differs
 * from the last one that supervisor got.
 */
import type { ChatMessage, TeamSnapshot } from '../../../sdk/core/protocol.ts';
import type { Core } from '../../core/feature.ts';
import type { AgentSocket } from '../../sockets/socketTypes.ts';
import { createTeamView, createWaitTracker, type MemberRecord } from './teamView.ts';
import type { TeamRef } from './teams.ts';

interface Subscriber {
  socket: AgentSocket;
  teams: TeamRef[];
  last: string;
}

export function createTeamSubscriptions(deps: {
  core: Pick<Core, 'storage' | 'router' | 'routing' | 'log'>;
  members: ReadonlyMap<string, MemberRecord>;
  debounceMs?: number;
}) {
  const { core } = deps;
  const waits = createWaitTracker(core.storage.messages);
  const view = createTeamView({ ...core, members: deps.members, waits });
  const subscribers = new Map<string, Subscriber>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const keyOf = (snapshot: TeamSnapshot) => JSON.stringify({ ...snapshot, at: 0 });

  async function push(): Promise<void> {
    timer = undefined;
    for (const subscriber of subscribers.values()) {
      const snapshot = await view.snapshot(subscriber.teams);
      const key = keyOf(snapshot);
      if (key === subscriber.last || !subscribers.has(subscriber.socket.id)) continue;
      subscriber.last = key;
      subscriber.socket.emit('supervisor:team', snapshot);
    }
  }

  return {
    async subscribe(socket: AgentSocket, teams: TeamRef[]): Promise<TeamSnapshot> {
      const snapshot = await view.snapshot(teams);
      subscribers.set(socket.id, { socket, teams, last: keyOf(snapshot) });
      return snapshot;
    },
    unsubscribe(socketId: string): void {
      subscribers.delete(socketId);
    },
    /** Something a team view shows may have changed: push fresh snapshots soon (coalesced). */
    invalidate(): void {
      if (timer || subscribers.size === 0) return;
      timer = setTimeout(
        () => void push().catch((error: unknown) => core.log.warn({ err: error }, 'team view push failed')),
        deps.debounceMs ?? 150,
      );
    },
    noteMessage(message: ChatMessage): void {
      waits.note(message);
      this.invalidate();
    },
    forget(chatId: string): void {
      waits.forget(chatId);
    },
    close(): void {
      clearTimeout(timer);
    },
  };
}
