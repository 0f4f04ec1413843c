/**
 * A framework-free store of immutable snapshots: `getState` and `subscribe`, as a vanilla zustand
 * store has them, so that `useSyncExternalStore` (hybrid-chat/sdk/react) or any other view layer
 * can follow it. A new snapshot is published only when something changed.
 */
export interface Store<S> {
  getState(): S;
  /** Called with the new and the previous snapshot after each change; returns its unsubscribe. */
  subscribe(listener: (state: S, prev: S) => void): () => void;
}

export interface WritableStore<S> extends Store<S> {
  /** Merges `patch` into the snapshot; publishes when one of its values differs. */
  set(patch: Partial<S>): void;
}

export function createStore<S extends object>(
  initial: S,
  onError: (error: unknown) => void = (error) => console.error('[hybrid-chat]', error),
): WritableStore<S> {
  let state = initial;
  let listeners: ReadonlyArray<(state: S, prev: S) => void> = [];
  return {
    getState: () => state,
    subscribe(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((candidate) => candidate !== listener);
      };
    },
    set(patch) {
      const keys = Object.keys(patch) as (keyof S)[];
      if (keys.every((key) => Object.is(state[key], patch[key]))) return;
      const prev = state;
      state = { ...state, ...patch };
      for (const listener of listeners) {
        try {
          listener(state, prev);
        } catch (error) {
          onError(error);
        }
      }
    },
  };
}
