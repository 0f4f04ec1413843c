/** The HTTP layer, options, events and error of a BOSH session (boshSession.ts). */
import type { XmppElement } from '@xmpp/client';
import { HybridChatError } from '../../core/errors.ts';

export interface BoshHttpResponse {
  readonly status: number;
  readonly body: string;
}
/** POSTs `body` to `url`; rejects when no HTTP answer came (network error, abort). */
export type BoshHttp = (url: string, body: string, signal: AbortSignal) => Promise<BoshHttpResponse>;

export interface BoshSessionOptions {
  readonly url: string;
  readonly http: BoshHttp;
  /** Seconds the server may hold a request (XEP-0124 `wait`). Default 30. */
  readonly wait?: number;
  /** Requests the server may hold at once (`hold`). Default 1. */
  readonly hold?: number;
  /** Repeats of a lost request before the session counts as broken. Default 3. */
  readonly maxRetries?: number;
  /** Delay before the first repeat, doubled for each further one. Default 1000 ms. */
  readonly retryDelayMs?: number;
  /** How much longer than `wait` a request may stay unanswered before it counts as lost. Default 10 s. */
  readonly requestMarginMs?: number;
  /** The first `rid`; default a random one (section 7: large, random, far from 2^53). */
  readonly firstRid?: number;
}

export interface BoshSessionEvents {
  /** A stream (re)started: the session creation or restart response arrived. */
  onStreamStart(attrs: Readonly<Record<string, string | undefined>>): void;
  onPayload(children: readonly XmppElement[]): void;
  /** The session is over: `null` after our terminate was answered, else why it broke. */
  onTerminated(error: BoshError | null): void;
}

/** A BOSH session that ended against the client's will; `condition` as in XEP-0124 section 17. */
export class BoshError extends HybridChatError {
  readonly condition: string;
  constructor(condition: string, message: string, options?: { cause?: unknown }) {
    super('DISCONNECTED', message, options);
    this.name = 'BoshError';
    this.condition = condition;
  }
}

export type RequestKind = 'create' | 'restart' | 'payload' | 'terminate';

/** HTTP statuses of XEP-0124 section 17.1 (legacy errors): the session is gone, no retry helps. */
export const FATAL_STATUS: Readonly<Record<number, string>> = {
  400: 'bad-request',
  403: 'policy-violation',
  404: 'item-not-found',
};
