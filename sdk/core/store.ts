/**
 * A framework-free store of immutable snapshots, in the manner of zustand's vanilla store:
 * `getState`, `setState` (a patch or a function of the state, merged shallowly) and `subscribe`,
 * whose listener gets the new and the previous snapshot. `useSyncExternalStore`
 * (hybrid-chat/sdk/react) or any other view layer can follow it. A new snapshot is published only
 * when something changed. The agent and the customer clients keep their state in one.
 */
export interface Store<S> {
  getState(): S;
  /** Called with the new and the previous snapshot after each change; returns its unsubscribe. */
  subscribe(listener: (state: S, prev: S) => void): () => void;
}

export interface WritableStore<S> extends Store<S> {
  /** The state the store was created with (React's server snapshot). */
  getInitialState(): S;
  /** Merges a patch, or what `patch(state)` returns, into the snapshot; publishes when a value differs. */
  setState(patch: Partial<S> | ((state: S) => Partial<S>)): void;
}

export function createStore<S extends object>(
  initial: S,
  onError: (error: unknown) => void = (error) => console.error('[hybrid-chat]', error),
): WritableStore<S> {
  let state = initial;
  let listeners: ReadonlyArray<(state: S, prev: S) => void> = [];
  return {
    getState: () => state,
    getInitialState: () => initial,
    subscribe(listener) {
      listeners = [...listeners, listener];
      return () => {
        listeners = listeners.filter((candidate) => candidate !== listener);
      };
    },
    setState(patch) {
      const next = typeof patch === 'function' ? patch(state) : patch;
      const keys = Object.keys(next) as (keyof S)[];
      if (keys.every((key) => Object.is(state[key], next[key]))) return;
      const prev = state;
      state = { ...state, ...next };
      // A listener that throws must not keep the others from the change.
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
