import { describe, expect, it, vi } from 'vitest';
import { Emitter } from './emitter.ts';

type Events = { message: { text: string }; count: number };

describe('Emitter', () => {
  it('delivers a payload to every listener of that event only', () => {
    const emitter = new Emitter<Events>();
    const messages: string[] = [];
    const counts: number[] = [];
    emitter.on('message', ({ text }) => messages.push(`a:${text}`));
    emitter.on('message', ({ text }) => messages.push(`b:${text}`));
    emitter.on('count', (n) => counts.push(n));

    emitter.emit('message', { text: 'hi' });

    expect(messages).toEqual(['a:hi', 'b:hi']);
    expect(counts).toEqual([]);
  });

  it('returns an unsubscribe from on()', () => {
    const emitter = new Emitter<Events>();
    const listener = vi.fn();
    const off = emitter.on('count', listener);

    emitter.emit('count', 1);
    off();
    emitter.emit('count', 2);

    expect(listener.mock.calls).toEqual([[1]]);
    expect(emitter.listenerCount('count')).toBe(0);
  });

  it('calls a once() listener a single time', () => {
    const emitter = new Emitter<Events>();
    const listener = vi.fn();
    emitter.once('count', listener);

    emitter.emit('count', 1);
    emitter.emit('count', 2);

    expect(listener.mock.calls).toEqual([[1]]);
  });

  it('reports a throwing listener and still calls the others', () => {
    const errors: unknown[] = [];
    const emitter = new Emitter<Events>((error) => errors.push(error));
    const after = vi.fn();
    emitter.on('count', () => {
      throw new Error('boom');
    });
    emitter.on('count', after);

    emitter.emit('count', 7);

    expect(errors).toEqual([new Error('boom')]);
    expect(after).toHaveBeenCalledWith(7);
  });

  it('lets a listener unsubscribe another during an emit without skipping it this time', () => {
    const emitter = new Emitter<Events>();
    const calls: string[] = [];
    let offSecond = () => {};
    emitter.on('count', () => {
      calls.push('first');
      offSecond();
    });
    offSecond = emitter.on('count', () => calls.push('second'));

    emitter.emit('count', 1);
    emitter.emit('count', 2);

    expect(calls).toEqual(['first', 'second', 'first']);
  });

  it('forgets every listener on clear()', () => {
    const emitter = new Emitter<Events>();
    const listener = vi.fn();
    emitter.on('message', listener);

    emitter.clear();
    emitter.emit('message', { text: 'lost' });

    expect(listener).not.toHaveBeenCalled();
  });
});
