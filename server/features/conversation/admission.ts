/**
 * Whether and where a chat may start: business hours, the pre-chat values the queue asks for
 * (the same rules as the widget, sdk/core/prechat.ts), and the queue a picked topic routes to.
 *
 * "No agent available" (README "Widget conversation"): no signed-in agent whose requested chat
 * state is READY while Finesse answers serves the queue, nor any queue it overflows to. An agent who
 * is READY but busy (at the chat maximum, or on a call) counts as available: chats wait for them.
 */
import { HybridChatError } from '../../../sdk/core/errors.ts';
import { checkPrechat } from '../../../sdk/core/prechat.ts';
import type { QueueAvailability, StartChatPayload } from '../../../sdk/core/protocol.ts';
import type { Principal } from '../../core/chatService.ts';
import { isOpenAt, nextOpening } from './businessHours.ts';
import type { QueueDirectory } from './queueSettings.ts';

export interface AdmissionOptions {
  queues: QueueDirectory;
  defaultQueue: string;
  /** Whether a signed-in READY agent serves the queue or one it overflows to (the router's staffing). */
  staffed: (queue: string) => Promise<boolean>;
  now?: () => number;
}

export interface Availability {
  availability: QueueAvailability;
  nextOpenAt: number | null;
}

export function createAdmission(options: AdmissionOptions) {
  const { queues } = options;
  const now = options.now ?? Date.now;

  function closed(queue: string, at: number): boolean {
    const hours = queues.get(queue).hours;
    return hours !== null && !isOpenAt(hours, at);
  }

  return {
    async availability(queue: string = options.defaultQueue): Promise<Availability> {
      const at = now();
      const settings = queues.get(queue);
      if (settings.hours && !isOpenAt(settings.hours, at)) {
        return { availability: 'closed', nextOpenAt: nextOpening(settings.hours, at) };
      }
      if (settings.whenUnstaffed === 'leave-message' && !(await options.staffed(queue))) {
        return { availability: 'unstaffed', nextOpenAt: null };
      }
      return { availability: 'open', nextOpenAt: null };
    },

    /** Checks a `chat:start` and returns it with its pre-chat values trimmed and its queue routed. */
    admitStart(who: Principal, payload: StartChatPayload): StartChatPayload {
      const queue = payload.queue ?? options.defaultQueue;
      const preChat: Record<string, string> = {};
      for (const [key, value] of Object.entries(payload.preChat ?? {})) preChat[key] = value.trim();
      // The session's name stands in for a name field the start did not repeat.
      const values: Record<string, string> = { ...preChat, name: preChat['name'] || who.name };
      const problems = Object.entries(checkPrechat(queues.publicFields(queue, 'en'), values));
      if (problems.length > 0) {
        const list = problems.map(([field, problem]) => `${field} (${problem})`).join(', ');
        throw new HybridChatError('BAD_REQUEST', `pre-chat fields not valid: ${list}`);
      }
      const routed = queues.routeFor(queue, values['topic']);
      const at = now();
      if (closed(queue, at) || closed(routed, at)) {
        throw new HybridChatError('CONFLICT', 'queue-closed: outside business hours; leave a message');
      }
      return { ...payload, queue: routed, preChat };
    },
  };
}

export type Admission = ReturnType<typeof createAdmission>;
