import { describe, expect, it, vi } from 'vitest';
import { createStore } from './store.ts';

describe('createStore', () => {
  it('merges patches, tells listeners the new and previous state, and skips a patch that changes nothing', () => {
    const store = createStore({ count: 0, name: 'a' });
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

  it('a listener that throws is reported, and the others still hear of the change', () => {
    const onError = vi.fn();
    const store = createStore({ count: 0 }, onError);
    const after = vi.fn();
    store.subscribe(() => {
      throw new Error('view broke');
    });
    store.subscribe(after);
    store.setState({ count: 1 });
    expect(onError).toHaveBeenCalledWith(new Error('view broke'));
    expect(after).toHaveBeenCalledWith({ count: 1 }, { count: 0 });
  });
});
