/**
 * A framework-free store in the manner of zustand's vanilla store: `getState`, `setState` (a patch or
 * a function of the state, merged shallowly), and `subscribe`, whose listener gets the new and the
 * previous state. React binds it with `useSyncExternalStore(store.subscribe, store.getState)`.
 */
export interface VanillaStore<T extends object> {
  getState(): T;
  /** The state the store was created with (React's server snapshot). */
  getInitialState(): T;
  setState(patch: Partial<T> | ((state: T) => Partial<T>)): void;
  subscribe(listener: (state: T, previous: T) => void): () => void;
}

export function createVanillaStore<T extends object>(initial: T): VanillaStore<T> {
  let state = initial;
  const listeners = new Set<(state: T, previous: T) => void>();
  return {
    getState: () => state,
    getInitialState: () => initial,
    setState(patch) {
      const next = typeof patch === 'function' ? patch(state) : patch;
      if (Object.keys(next).every((key) => Object.is(next[key as keyof T], state[key as keyof T]))) return;
      const previous = state;
      state = { ...state, ...next };
      for (const listener of [...listeners]) listener(state, previous);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
