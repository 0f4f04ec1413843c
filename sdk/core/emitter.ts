/** A listener map: event name → payload type. */
export type EventMap = Record<string, unknown>;

export type Listener<T> = (payload: T) => void;

/**
 * A small typed emitter. `on` returns its own unsubscribe, as zustand's `subscribe` does.
 * A throwing listener is reported through `onListenerError` and never stops the others.
 */
export class Emitter<Events extends EventMap> {
  /** Per event an array that is replaced, never changed (copy on write): an emit walks a stable list. */
  readonly #listeners = new Map<keyof Events, ReadonlyArray<Listener<never>>>();
  readonly #onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void = (error) => console.error('[hybrid-chat]', error)) {
    this.#onListenerError = onListenerError;
  }

  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const current = this.#listeners.get(event) ?? [];
    if (!current.includes(listener as Listener<never>)) {
      this.#listeners.set(event, [...current, listener as Listener<never>]);
    }
    return () => {
      const now = this.#listeners.get(event);
      if (now?.includes(listener as Listener<never>)) {
        this.#listeners.set(
          event,
          now.filter((candidate) => candidate !== listener),
        );
      }
    };
  }

  once<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    const off = this.on(event, (payload) => {
      off();
      listener(payload);
    });
    return off;
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const listeners = this.#listeners.get(event);
    if (!listeners) return;
    for (const listener of listeners) {
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }

  listenerCount(event: keyof Events): number {
    return this.#listeners.get(event)?.length ?? 0;
  }

  clear(): void {
    this.#listeners.clear();
  }
}
