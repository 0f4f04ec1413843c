import { describe, expect, it, vi } from 'vitest';
import { createVanillaStore } from './vanillaStore.ts';

describe('createVanillaStore', () => {
  it('merges patches, tells listeners the new and previous state, and skips a patch that changes nothing', () => {
    const store = createVanillaStore({ count: 0, name: 'a' });
    const listener = vi.fn();
    const off = store.subscribe(listener);
    store.setState((s) => ({ count: s.count + 1 }));
    expect(store.getState()).toEqual({ count: 1, name: 'a' });
    expect(listener).toHaveBeenLastCalledWith({ count: 1, name: 'a' }, { count: 0, name: 'a' });
    store.setState({ name: 'a' });
    expect(listener).toHaveBeenCalledTimes(1);
    off();
    store.setState({ count: 5 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getInitialState()).toEqual({ count: 0, name: 'a' });
  });
});
