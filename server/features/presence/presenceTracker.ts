/**
 * Who is connected, per participant (`customer:<id>`, `agent:<id>`), counted over all their sockets
 * (an agent may have the desktop open in two tabs). Coming back counts at once; going away counts
 * only after a grace period without any socket, so that a page reload or a network blip that
 * socket.io bridges in seconds does not flicker on the other side. `onChange` hears every real change.
 */
import type { ParticipantRole } from '../../../sdk/core/protocol.ts';

export interface PresenceTrackerOptions {
  /** How long a participant with no socket left still counts as there. */
  graceMs(role: ParticipantRole): number;
  onChange(role: ParticipantRole, id: string, online: boolean): void;
}

export interface PresenceTracker {
  connected(role: ParticipantRole, id: string): void;
  disconnected(role: ParticipantRole, id: string): void;
  online(role: ParticipantRole, id: string): boolean;
  close(): void;
}

interface Entry {
  sockets: number;
  /** Counting down to "gone" (no socket left); null while connected. */
  leaving: ReturnType<typeof setTimeout> | null;
}

export function createPresenceTracker(options: PresenceTrackerOptions): PresenceTracker {
  const entries = new Map<string, Entry>();
  const keyOf = (role: ParticipantRole, id: string) => `${role}:${id}`;

  return {
    connected(role, id) {
      const key = keyOf(role, id);
      const entry = entries.get(key);
      if (entry) {
        entry.sockets += 1;
        if (entry.leaving !== null) clearTimeout(entry.leaving);
        entry.leaving = null;
        return; // still counted as there: no change
      }
      entries.set(key, { sockets: 1, leaving: null });
      options.onChange(role, id, true);
    },
    disconnected(role, id) {
      const key = keyOf(role, id);
      const entry = entries.get(key);
      if (!entry) return;
      entry.sockets = Math.max(0, entry.sockets - 1);
      if (entry.sockets > 0 || entry.leaving !== null) return;
      entry.leaving = setTimeout(() => {
        entries.delete(key);
        options.onChange(role, id, false);
      }, options.graceMs(role));
      entry.leaving.unref?.();
    },
    online: (role, id) => entries.has(keyOf(role, id)),
    close() {
      for (const entry of entries.values()) if (entry.leaving !== null) clearTimeout(entry.leaving);
      entries.clear();
    },
  };
}
