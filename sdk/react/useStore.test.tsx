// @vitest-environment jsdom
/** The React binding over the SDK's stores: a slice re-renders only when it changes. */
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createStore } from '../core/store.ts';
import { shallowEqual, useStore } from './useStore.ts';

describe('useStore', () => {
  it('re-renders for a change of the selected slice only', () => {
    const store = createStore({ count: 0, other: 'a' });
    let renders = 0;
    const { result } = renderHook(() => {
      renders += 1;
      return useStore(store, (state) => state.count);
    });
    expect(result.current).toBe(0);
    const before = renders;
    act(() => store.setState({ other: 'b' }));
    expect(renders).toBe(before);
    act(() => store.setState({ count: 1 }));
    expect(result.current).toBe(1);
    expect(renders).toBe(before + 1);
  });

  it('keeps an equal object slice (shallowEqual) as it was', () => {
    const store = createStore({ a: 1, b: 2, c: 3 });
    const { result } = renderHook(() =>
      useStore(store, (state) => ({ a: state.a, b: state.b }), shallowEqual),
    );
    const first = result.current;
    act(() => store.setState({ c: 4 }));
    expect(result.current).toBe(first);
    act(() => store.setState({ a: 5 }));
    expect(result.current).toEqual({ a: 5, b: 2 });
  });

  it('shallowEqual compares keys and items, not depth', () => {
    expect(shallowEqual({ a: 1 }, { a: 1 })).toBe(true);
    expect(shallowEqual([1, 2], [1, 2])).toBe(true);
    expect(shallowEqual({ a: {} }, { a: {} })).toBe(false);
    expect(shallowEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(shallowEqual([1], { 0: 1 })).toBe(false);
  });
});
