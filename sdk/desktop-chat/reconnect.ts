/**
 * Signing in again after the connection dropped, with exponential backoff (sdk/core/backoff.ts)
 * until it works or is stopped. Each attempt gets a new xmpp.js client (see desktopChat.ts): xmpp.js's
 * own reconnect plugin reuses the client, and a WebSocket refused while reconnecting leaves that
 * client 'connecting' (xmpp.js 0.14), which ends its retries; a reused client was also seen to drop
 * again right after reconnecting (suspected: the refused socket's late close detaching the new one).
 */
import { backoffDelay } from '../core/backoff.ts';

export interface ReconnectOptions {
  /** First retry after about this long, doubling up to `maxDelayMs`. Default 1 s. */
  readonly baseDelayMs?: number;
  /** Default 30 s. */
  readonly maxDelayMs?: number;
  readonly random?: () => number;
}

export interface Reconnector {
  /** Starts retrying (no-op while retrying). */
  start(): void;
  /** Stops retrying; an attempt under way finishes, no further one starts. */
  stop(): void;
  readonly active: boolean;
}

/**
 * `attempt(n)` tries once (n counts from 0) and resolves true when no further attempt is wanted
 * (signed in, or refused for good), false to try again later. A rejection counts as false.
 */
export function createReconnector(
  attempt: (n: number) => Promise<boolean>,
  options: ReconnectOptions = {},
): Reconnector {
  const baseMs = options.baseDelayMs ?? 1_000;
  const maxMs = options.maxDelayMs ?? 30_000;
  let active = false;
  let running = false;
  let count = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const schedule = () => {
    if (!active || running || timer !== null) return;
    // At least a quarter of the base: a server that is going down is given a moment to finish.
    const delay = Math.max(baseMs / 4, backoffDelay(count, { baseMs, maxMs, random: options.random }));
    timer = setTimeout(() => void run(), delay);
  };

  const run = async () => {
    timer = null;
    running = true;
    const done = await attempt(count++).catch(() => false);
    running = false;
    if (done) active = false;
    else schedule();
  };

  return {
    start() {
      if (active) return;
      active = true;
      count = 0;
      schedule();
    },
    stop() {
      active = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    },
    get active() {
      return active;
    },
  };
}
