/**
 * Who is there on the other nodes (README, "Running several nodes"). Each node tracks its own
 * sockets (presenceTracker.ts) and tells the others what its tracker concludes: a participant is
 * there while some node counts them there. On one node there are no others, and nobody is elsewhere.
 */
import type { ParticipantRole } from '../../../sdk/core/protocol.ts';

export interface SharedPresence {
  /** This node's tracker changed its mind about a participant. */
  set(role: ParticipantRole, id: string, online: boolean): void;
  /** Whether another node counts the participant there now. */
  elsewhere(role: ParticipantRole, id: string): Promise<boolean>;
  close(): Promise<void> | void;
}

export const NO_OTHER_NODES: SharedPresence = {
  set: () => undefined,
  elsewhere: async () => false,
  close: () => undefined,
};
