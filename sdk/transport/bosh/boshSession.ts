/**
 * One BOSH session (XEP-0124 "Bidirectional-streams Over Synchronous HTTP", XEP-0206 "XMPP Over
 * BOSH") over an injected HTTP layer: increasing `rid`s, at most `requests` requests open at once,
 * responses handed on in `rid` order whatever order they arrive in, a lost request repeated with the
 * same `rid` and body (XEP-0124 section 14), long polling (`wait`/`hold`) or, when the server allows
 * no held request, empty polls no more often than `polling` and within `inactivity` (section 11).
 */
import { adoptLimits, emptyRequestDelayMs, requestedLimits, type BoshLimits } from './boshLimits.ts';
import {
  BoshError,
  FATAL_STATUS,
  type BoshSessionEvents,
  type BoshSessionOptions,
  type RequestKind as Kind,
} from './boshTypes.ts';
import {
  parseBody,
  payloadRequest,
  restartRequest,
  sessionRequest,
  terminateRequest,
  type BoshResponse,
} from './boshXml.ts';

/** An unanswered request: how to abort its current attempt, and its timers (loss, retry). */
interface InFlight {
  abort: AbortController;
  timers: Set<ReturnType<typeof setTimeout>>;
}

export class BoshSession {
  readonly #o: Required<Omit<BoshSessionOptions, 'firstRid'>>;
  readonly #events: BoshSessionEvents;
  #state: 'idle' | 'creating' | 'open' | 'terminating' | 'closed' = 'idle';
  #sid: string | null = null;
  #rid: number;
  #nextToDeliver: number;
  #limits: BoshLimits;
  #queue: string[] = [];
  #restart: { to: string; lang: string | undefined } | null = null;
  #restartPending = false;
  #terminateSent = false;
  #pumpScheduled = false;
  #pollTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #inflight = new Map<number, InFlight>();
  readonly #answered = new Map<number, { kind: Kind; response: BoshResponse }>();

  constructor(options: BoshSessionOptions, events: BoshSessionEvents) {
    this.#o = { wait: 30, hold: 1, maxRetries: 3, retryDelayMs: 1000, requestMarginMs: 10_000, ...options };
    this.#events = events;
    this.#limits = requestedLimits(this.#o.wait, this.#o.hold);
    this.#rid = options.firstRid ?? Math.floor(Math.random() * 2 ** 32) + 1;
    this.#nextToDeliver = this.#rid;
  }

  get sid(): string | null {
    return this.#sid;
  }
  get started(): boolean {
    return this.#state !== 'idle';
  }
  /** Requests sent and not yet answered. */
  get pending(): number {
    return this.#inflight.size;
  }

  start(to: string, lang?: string): void {
    if (this.#state !== 'idle') throw new Error('BOSH session already started');
    this.#state = 'creating';
    this.#request(
      'create',
      sessionRequest({ rid: this.#rid, to, lang, wait: this.#o.wait, hold: this.#o.hold }),
    );
  }

  restart(to: string, lang?: string): void {
    this.#restart = { to, lang };
    this.#schedulePump();
  }

  send(payload: string): void {
    if (this.#state === 'closed' || this.#state === 'terminating') throw new Error('BOSH session is closed');
    this.#queue.push(payload);
    this.#schedulePump();
  }

  /** Ends the session; `onTerminated(null)` follows the server's answer. */
  terminate(): void {
    if (this.#state === 'closed' || this.#state === 'terminating') return;
    if (this.#sid === null) return this.#finish(null);
    this.#state = 'terminating';
    this.#pump();
  }

  /** Drops the session at once: open requests are aborted, no event follows. */
  abort(): void {
    this.#close();
  }

  #schedulePump(): void {
    if (this.#pumpScheduled) return;
    this.#pumpScheduled = true;
    // Stanzas written in one go travel in one request.
    queueMicrotask(() => {
      this.#pumpScheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    const sid = this.#sid;
    if (sid === null || (this.#state !== 'open' && this.#state !== 'terminating')) return;
    while (this.#inflight.size < this.#limits.requests && !this.#terminateSent) {
      if (this.#restart) {
        const { to, lang } = this.#restart;
        this.#restart = null;
        this.#restartPending = true;
        this.#request('restart', restartRequest(this.#rid, sid, to, lang));
      } else if (this.#state === 'terminating') {
        this.#terminateSent = true;
        this.#request('terminate', terminateRequest(this.#rid, sid, this.#queue.splice(0)));
      } else if (this.#queue.length > 0) {
        this.#request('payload', payloadRequest(this.#rid, sid, this.#queue.splice(0)));
      } else break;
    }
    if (this.#inflight.size === 0 && this.#state === 'open' && this.#pollTimer === null) {
      this.#pollTimer = setTimeout(() => {
        this.#pollTimer = null;
        if (this.#inflight.size === 0 && this.#state === 'open' && this.#sid !== null) {
          this.#request('payload', payloadRequest(this.#rid, this.#sid, this.#queue.splice(0)));
        }
      }, emptyRequestDelayMs(this.#limits));
    }
  }

  #request(kind: Kind, body: string): void {
    const rid = this.#rid++;
    this.#inflight.set(rid, { abort: new AbortController(), timers: new Set() });
    this.#attempt(kind, rid, body, 0);
  }

  #attempt(kind: Kind, rid: number, body: string, attempt: number): void {
    const entry = this.#inflight.get(rid);
    if (!entry || this.#state === 'closed') return;
    const abort = new AbortController();
    entry.abort = abort;
    const lost = setTimeout(() => abort.abort(), this.#limits.waitS * 1000 + this.#o.requestMarginMs);
    entry.timers.add(lost);
    const settle = () => {
      clearTimeout(lost);
      entry.timers.delete(lost);
    };
    this.#o.http(this.#o.url, body, abort.signal).then(
      (answer) => {
        settle();
        if (this.#inflight.get(rid) !== entry) return;
        if (answer.status === 200) return this.#answer(kind, rid, body, attempt, answer.body);
        const fatal = FATAL_STATUS[answer.status];
        if (fatal) return this.#finish(new BoshError(fatal, `BOSH request answered HTTP ${answer.status}`));
        this.#retry(kind, rid, body, attempt, new Error(`HTTP ${answer.status}`));
      },
      (error: unknown) => {
        settle();
        if (this.#inflight.get(rid) === entry) this.#retry(kind, rid, body, attempt, error);
      },
    );
  }

  #answer(kind: Kind, rid: number, body: string, attempt: number, text: string): void {
    let response: BoshResponse;
    try {
      response = parseBody(text);
    } catch (error) {
      return this.#retry(kind, rid, body, attempt, error);
    }
    this.#inflight.delete(rid);
    if (response.attrs['type'] === 'terminate' && this.#state === 'terminating') {
      // Our terminate was taken: the server may answer it through a request that was waiting.
      if (response.children.length > 0) this.#events.onPayload(response.children);
      return this.#finish(null);
    }
    if (response.attrs['type'] === 'terminate') {
      const condition = response.attrs['condition'] ?? 'undefined-condition';
      return this.#finish(new BoshError(condition, `BOSH session terminated by the server: ${condition}`));
    }
    this.#answered.set(rid, { kind, response });
    this.#deliver();
  }

  #retry(kind: Kind, rid: number, body: string, attempt: number, cause: unknown): void {
    // An unanswered session creation means the server is unreachable: say so at once, so that the
    // caller can try another server.
    if (kind === 'create' || attempt >= this.#o.maxRetries) {
      const condition = kind === 'create' ? 'remote-connection-failed' : 'undefined-condition';
      return this.#finish(new BoshError(condition, `BOSH request to ${this.#o.url} failed`, { cause }));
    }
    const entry = this.#inflight.get(rid);
    if (!entry) return;
    const delay = this.#o.retryDelayMs * 2 ** attempt;
    const timer = setTimeout(() => {
      entry.timers.delete(timer);
      this.#attempt(kind, rid, body, attempt + 1);
    }, delay);
    entry.timers.add(timer);
  }

  #deliver(): void {
    let next: { kind: Kind; response: BoshResponse } | undefined;
    while ((next = this.#answered.get(this.#nextToDeliver)) && this.#state !== 'closed') {
      this.#answered.delete(this.#nextToDeliver++);
      const { kind, response } = next;
      if (kind === 'create') {
        const sid = response.attrs['sid'];
        if (!sid) return this.#finish(new BoshError('bad-request', 'BOSH session response has no sid'));
        this.#sid = sid;
        this.#state = 'open';
        this.#limits = adoptLimits(this.#limits, this.#o.hold, response.attrs);
      }
      // After a restart the server may send the new stream's features through a request that was
      // already waiting (Prosody does): whatever is handed on first after the restart opens the stream.
      const restarted = this.#restartPending && (kind === 'restart' || response.children.length > 0);
      if (kind === 'create' || restarted) {
        this.#restartPending = false;
        this.#events.onStreamStart({ ...response.attrs, sid: this.#sid ?? undefined });
      }
      if (response.children.length > 0) this.#events.onPayload(response.children);
      if (kind === 'terminate') return this.#finish(null);
    }
    this.#pump();
  }

  #finish(error: BoshError | null): void {
    if (this.#state === 'closed') return;
    this.#close();
    this.#events.onTerminated(error);
  }

  #close(): void {
    this.#state = 'closed';
    if (this.#pollTimer !== null) clearTimeout(this.#pollTimer);
    this.#pollTimer = null;
    for (const entry of this.#inflight.values()) {
      for (const timer of entry.timers) clearTimeout(timer);
      entry.abort.abort();
    }
    this.#inflight.clear();
    this.#answered.clear();
    this.#queue = [];
  }
}
