/**
 * The agent client's state (`createAgentClient`, or its store `createAgentStore`) in React, whole or
 * a slice of it: the component re-renders when what its selector picks changes by `equal`, and only
 * then.
 *
 * ```tsx
 * const offers = useAgent(agent, (state) => state.offers);
 * const ready = useAgent(agent, (state) => state.status?.state === 'READY');
 * ```
 */
import type { Store } from '../core/store.ts';
import { useStore, type Equality, type Selector } from './useStore.ts';

export function useAgent<S, T = S>(
  agent: Pick<Store<S>, 'getState' | 'subscribe'>,
  selector?: Selector<S, T>,
  equal?: Equality<T>,
): T {
  return useStore(agent, selector, equal);
}
