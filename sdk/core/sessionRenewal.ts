/**
 * Keeps a chat-server session's token fresh, for agents and customers alike: renews it before it
 * expires, after the server refused a handshake with it (socket.io does not retry a refusal), and
 * when an HTTP call was refused with it (`renewNow`, the `renewToken` hook of `createHttpClient`).
 *
 * The rules, and why (the gadget and the widget each had their own before):
 * - When: at `expiresAt` minus one minute, or minus a quarter of the time left when that is less
 *   (a short-lived token is renewed well before it expires, not every few seconds), and never
 *   sooner than a second from now.
 * - One renewal at a time: whoever asks while one runs (a refused handshake, refused HTTP calls)
 *   shares it, so the server sees one sign-in, not a burst.
 * - A failed renewal is tried again `retryMs` later (30 s by default) for as long as the session is
 *   open: a user expects the chat to carry on after a short outage of the server, not to lose the
 *   session because the one renewal fell into it.
 * - Refused handshakes lead to at most one renewal per `retryMs`, so a server that keeps refusing
 *   new tokens causes no loop; a refusal inside that period is not dropped but answered at its end,
 *   so the client does not stay offline for good.
 * - While paused (the page went away or sleeps in the back/forward cache) nothing is renewed; a
 *   renewal under way still reports its session (`onRenewed`), so that it can be ended too.
 *
 * No DOM and no network here: the caller passes the sign-in (`renew`) and, optionally, what to
 * watch for refusals and how to connect again.
 */
import type { HybridChatError } from './errors.ts';

export interface RenewableSession {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** What tells of a refused handshake: a `ChatTransport`'s `connectError` event fits. */
export interface RefusalSource {
  on(event: 'connectError', listener: (error: HybridChatError) => void): () => void;
}

export interface SessionRenewalOptions<S extends RenewableSession> {
  session: S;
  /** Signs in again (`createCustomerSession` with the old token, `createAgentSession`). */
  renew: (current: S) => Promise<S>;
  /** Refused handshakes (UNAUTHORIZED `connectError`) renew the token, then call `reconnect`. */
  refusals?: RefusalSource;
  /** Connects again after a refusal, once a new token is there (`client.connect`). */
  reconnect?: () => void;
  /** Every session a renewal brought, also one that arrived after `pause` or `close`. */
  onRenewed?: (session: S) => void;
  /** A renewal failed (it is tried again later). */
  onError?: (error: unknown) => void;
  /** Renew at most this long before the expiry; default one minute. */
  earlyMs?: number;
  /** Wait after a failure, and least time between renewals after refusals; default 30 s. */
  retryMs?: number;
  now?: () => number;
}

export interface SessionRenewal<S extends RenewableSession> {
  current(): S;
  token(): string;
  /** A call was refused with the current token: true once a new one is there, false when closed or paused. */
  renewNow(): Promise<boolean>;
  /** Stops renewing (the page went away). */
  pause(): void;
  /** Renews again; `reconnect` renews at once and then connects (the old token was ended meanwhile). */
  resume(reconnect: boolean): void;
  close(): void;
}

const EARLY_MS = 60_000;
const RETRY_MS = 30_000;
const MIN_DELAY_MS = 1000;

export function createSessionRenewal<S extends RenewableSession>(
  options: SessionRenewalOptions<S>,
): SessionRenewal<S> {
  const now = options.now ?? Date.now;
  const earlyMs = options.earlyMs ?? EARLY_MS;
  const retryMs = options.retryMs ?? RETRY_MS;
  let session = options.session;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<boolean> | null = null;
  let closed = false;
  let paused = false;
  /** A refusal is waiting for the renewal under way (or the next) to connect again. */
  let reconnectAfter = false;
  let lastRefusalRenewal = -Infinity;
  let lastSuccess = -Infinity;

  const schedule = (delay: number): void => {
    clearTimeout(timer);
    if (closed || paused) return;
    timer = setTimeout(() => void run(), Math.max(MIN_DELAY_MS, delay));
  };
  const scheduleBeforeExpiry = (): void => {
    const left = session.expiresAt - now();
    schedule(left - Math.min(earlyMs, left / 4));
  };

  const run = (): Promise<boolean> => {
    if (closed || paused) return Promise.resolve(false);
    running ??= (async () => {
      if (reconnectAfter) lastRefusalRenewal = now();
      try {
        const next = await options.renew(session);
        session = next;
        lastSuccess = now();
        options.onRenewed?.(next);
        if (closed || paused) return false;
        scheduleBeforeExpiry();
        if (reconnectAfter) {
          reconnectAfter = false;
          options.reconnect?.();
        }
        return true;
      } catch (error) {
        options.onError?.(error);
        schedule(retryMs);
        return false;
      } finally {
        running = null;
      }
    })();
    return running;
  };

  const refused = (): void => {
    if (closed || paused) return;
    reconnectAfter = true;
    if (running) return;
    const wait = lastRefusalRenewal + retryMs - now();
    if (wait > 0) return schedule(wait);
    void run();
  };
  const offRefusals = options.refusals?.on('connectError', (error) => {
    if (error.code === 'UNAUTHORIZED') refused();
  });

  scheduleBeforeExpiry();

  return {
    current: () => session,
    token: () => session.token,
    renewNow() {
      if (running) return running;
      // Renewed a moment ago: the refused call may have carried the old token; retry with the new one.
      if (!closed && !paused && now() - lastSuccess < retryMs) return Promise.resolve(true);
      return run();
    },
    pause() {
      paused = true;
      clearTimeout(timer);
    },
    resume(reconnect) {
      if (closed || !paused) return;
      paused = false;
      if (!reconnect) return scheduleBeforeExpiry();
      reconnectAfter = true;
      void run();
    },
    close() {
      closed = true;
      clearTimeout(timer);
      offRefusals?.();
    },
  };
}
