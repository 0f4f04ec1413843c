/**
 * React bindings for the agent client, as zustand's `useStore` is for its vanilla store: the
 * component re-renders when what its selector picks changes, and only then. Selectors return a
 * primitive or a reference held by the state (a new object or array on each call renders forever).
 *
 * ```tsx
 * const offers = useAgent(agent, (state) => state.offers);
 * const ready = useAgent(agent, (state) => state.status?.state === 'READY');
 * ```
 */
import { useSyncExternalStore } from 'react';

/** What the hook reads: the agent client or its store (`createAgentClient`, `createAgentStore`), or any store alike. */
export interface SubscribableStore<S> {
  getState(): S;
  /** React's snapshot for server rendering; `getState` without it. */
  getInitialState?(): S;
  subscribe(listener: () => void): () => void;
}

export function useAgent<S, T>(store: SubscribableStore<S>, selector: (state: S) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => selector(store.getState()),
    () => selector((store.getInitialState ?? store.getState)()),
  );
}
