/**
 * A slice of an SDK store as React state, as zustand's React binding is over its vanilla store:
 * `useSyncExternalStore` over the store's `subscribe` and `getState`, with a selector, and an
 * equality so that a slice equal to the last one (`shallowEqual` for objects and arrays) keeps its
 * identity and does not re-render.
 */
import { useRef, useSyncExternalStore } from 'react';
import type { Store } from '../core/store.ts';

export type Selector<S, T> = (state: S) => T;
export type Equality<T> = (a: T, b: T) => boolean;

/** The same keys with `Object.is`-equal values (arrays: the same items in the same order). */
export function shallowEqual<T>(a: T, b: T): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every(
    (key) =>
      Object.hasOwn(b, key) &&
      Object.is((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
  );
}

const identity = <T>(value: T): T => value;

interface Memo<S, T> {
  state: S;
  selector: Selector<S, T>;
  value: T;
}

/** Re-renders only when `selector`'s result changes by `equal` (default `Object.is`). */
export function useStore<S, T = S>(
  store: Pick<Store<S>, 'getState' | 'subscribe'>,
  selector: Selector<S, T> = identity as Selector<S, T>,
  equal: Equality<T> = Object.is,
): T {
  const memo = useRef<Memo<S, T> | null>(null);
  const select = (): T => {
    const state = store.getState();
    const last = memo.current;
    if (last && last.state === state && last.selector === selector) return last.value;
    const next = selector(state);
    const value = last && equal(last.value, next) ? last.value : next;
    memo.current = { state, selector, value };
    return value;
  };
  return useSyncExternalStore((onChange) => store.subscribe(() => onChange()), select, select);
}
