/**
 * Signing in again after the connection dropped. xmpp.js's reconnect plugin retries only on a
 * 'disconnect' status, and a WebSocket refused while reconnecting leaves the client 'connecting'
 * without one (xmpp.js 0.14), which would end the retries for good. This loop replaces the plugin:
 * it retries until a session is up or the client is stopped, with exponential backoff
 * (sdk/core/backoff.ts), trying the server of the session first (it may resume the stream,
 * XEP-0198) and then the other one, alternately.
 */
import type { XmppClient } from '@xmpp/client';
import { backoffDelay } from '../core/backoff.ts';
import { serviceUrls } from './connect.ts';
import type { DesktopChatOptions, ServedBy } from './types.ts';

export interface ReconnectOptions {
  /** First retry after about this long, doubling up to `maxDelayMs`. Default 1 s. */
  readonly baseDelayMs?: number;
  /** Default 30 s. */
  readonly maxDelayMs?: number;
  readonly random?: () => number;
}

export interface ReconnectHooks {
  /** A session is up again (or for the first time) on `served`. */
  onServed(served: ServedBy): void;
}

export function superviseReconnect(
  xmpp: XmppClient,
  options: DesktopChatOptions,
  hooks: ReconnectHooks,
): void {
  const urls = serviceUrls(options);
  const baseMs = options.reconnect?.baseDelayMs ?? 1_000;
  const maxMs = options.reconnect?.maxDelayMs ?? 30_000;
  const random = options.reconnect?.random;
  xmpp.reconnect.stop();
  let armed = false;
  let attempt = 0;
  let running = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const schedule = () => {
    if (!armed || running || timer !== null) return;
    // At least a quarter of the base: a server that is going down is given a moment to finish.
    const delay = Math.max(baseMs / 4, backoffDelay(attempt, { baseMs, maxMs, random }));
    timer = setTimeout(() => void retry(), delay);
  };

  const retry = async () => {
    timer = null;
    running = true;
    if (attempt > 0 && urls.length > 1) {
      const other = urls.find((candidate) => candidate.url !== xmpp.options.service);
      if (other) xmpp.options.service = other.url;
    }
    attempt += 1;
    let failed = false;
    try {
      await xmpp.connect(xmpp.options.service);
      await xmpp.open({ domain: options.domain });
    } catch {
      failed = true;
    } finally {
      running = false;
    }
    if (failed || xmpp.status === 'disconnect') schedule();
  };

  const up = () => {
    armed = true;
    attempt = 0;
    const now = urls.find((candidate) => candidate.url === xmpp.options.service);
    if (now) hooks.onServed(now);
  };
  xmpp.on('online', up);
  xmpp.streamManagement.on('resumed', up);
  xmpp.on('status', (status) => {
    if (status === 'disconnect') schedule();
    if (status === 'offline') {
      armed = false;
      if (timer !== null) clearTimeout(timer);
      timer = null;
    }
  });
  // Signing in failed after the stream opened (refused credentials, a failed bind): try again later.
  xmpp.on('error', () => {
    if (armed && !running && xmpp.status !== 'online') schedule();
  });
}
