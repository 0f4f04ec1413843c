/**
 * The chat states this side announces to one peer (XEP-0085 "Chat State Notifications", section 5):
 * `composing` when the agent types, `paused` once typing stopped for a while, `active` with each
 * message or on coming back to the chat, `inactive` and then `gone` when the chat is left alone.
 * The same state is never announced twice in a row (section 5.1). XEP-0085 leaves the periods to
 * the client; the defaults here are ours. Timers only, no network: `announce` sends.
 */

export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';

export const CHAT_STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive', 'gone'];

export interface ChatStateTimings {
  /** Typing stopped this long: `paused`. Default 5 s. */
  readonly pausedMs?: number;
  /** No interaction with the chat this long: `inactive`. Default 2 min. */
  readonly inactiveMs?: number;
  /** No interaction this long: `gone`. Default 10 min. */
  readonly goneMs?: number;
}

export class ChatStateTracker {
  readonly #announce: (state: ChatState) => void;
  readonly #pausedMs: number;
  readonly #inactiveMs: number;
  readonly #goneMs: number;
  #state: ChatState | null = null;
  #pausedTimer: ReturnType<typeof setTimeout> | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(announce: (state: ChatState) => void, timings: ChatStateTimings = {}) {
    this.#announce = announce;
    this.#pausedMs = timings.pausedMs ?? 5_000;
    this.#inactiveMs = timings.inactiveMs ?? 120_000;
    this.#goneMs = Math.max(timings.goneMs ?? 600_000, this.#inactiveMs);
  }

  /** The state last announced (null before any). */
  get state(): ChatState | null {
    return this.#state;
  }

  /** The agent typed into the message field. */
  typed(): void {
    this.#set('composing');
    this.#clearPaused();
    this.#pausedTimer = setTimeout(() => {
      this.#pausedTimer = null;
      this.#set('paused');
    }, this.#pausedMs);
    this.#restartIdle();
  }

  /** The agent emptied the field without sending: no longer composing. */
  cleared(): void {
    this.#clearPaused();
    if (this.#state === 'composing' || this.#state === 'paused') this.#set('active');
    this.#restartIdle();
  }

  /** A message went out; it carries `active` itself, so nothing is announced separately. */
  sent(): void {
    this.#clearPaused();
    this.#state = 'active';
    this.#restartIdle();
  }

  /** The agent came back to the chat (focus, a click). */
  focused(): void {
    if (this.#state !== 'composing') this.#set('active');
    this.#restartIdle();
  }

  /** Stops every timer; announces nothing further. */
  dispose(): void {
    this.#clearPaused();
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
  }

  #set(state: ChatState): void {
    if (this.#state === state) return;
    this.#state = state;
    this.#announce(state);
  }

  #clearPaused(): void {
    if (this.#pausedTimer !== null) clearTimeout(this.#pausedTimer);
    this.#pausedTimer = null;
  }

  #restartIdle(): void {
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.#clearPaused();
      this.#set('inactive');
      this.#idleTimer = setTimeout(() => {
        this.#idleTimer = null;
        this.#set('gone');
      }, this.#goneMs - this.#inactiveMs);
    }, this.#inactiveMs);
  }
}
