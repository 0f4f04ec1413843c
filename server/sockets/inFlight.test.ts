import type { Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import type { Result } from '../../sdk/core/protocol.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import { createHandlerTable } from './handlers.ts';
import { createInFlight } from './inFlight.ts';

const log = { warn: () => undefined, error: () => undefined };

/** A socket that hands its one `onAny` listener to the test. */
function fakeSocket() {
  let listener: ((event: string, ...args: unknown[]) => void) | undefined;
  const socket = {
    id: 's1',
    onAny(fn: typeof listener) {
      listener = fn;
    },
  } as unknown as Socket;
  return { socket, emit: (event: string, ...args: unknown[]) => listener?.(event, ...args) };
}

describe('requests in flight', () => {
  it('settles once every request begun has ended, each end counted once', async () => {
    const inFlight = createInFlight();
    await inFlight.settled();
    const first = inFlight.begin();
    const second = inFlight.begin();
    let settled = false;
    void inFlight.settled().then(() => (settled = true));
    first();
    first();
    await Promise.resolve();
    expect([inFlight.count, settled]).toEqual([1, false]);
    second();
    await Promise.resolve();
    expect([inFlight.count, settled]).toEqual([0, true]);
  });

  it('ends a request when its ack goes out, also for a request without an ack', async () => {
    const inFlight = createInFlight();
    const outcomes: Array<[string, boolean]> = [];
    const table = createHandlerTable<Record<string, never>, Socket>(log, undefined, (event) => {
      const ended = inFlight.begin();
      return (ok) => {
        ended();
        outcomes.push([event, ok]);
      };
    });
    let finish: () => void = () => undefined;
    table.requests({
      'chat:list': () =>
        new Promise<never>((resolve) => {
          finish = () => resolve({ chats: [] } as never);
        }),
    } as never);
    const { socket, emit } = fakeSocket();
    table.listen({ socket, who: { role: 'customer', id: 'c1', name: 'Dana' }, claims: {} as TokenClaims });
    const acks: Array<Result<unknown>> = [];
    emit('chat:list', {}, (result: Result<unknown>) => acks.push(result));
    emit('chat:list', {});
    expect(inFlight.count).toBe(1);
    finish();
    await inFlight.settled();
    expect(acks).toEqual([{ ok: true, data: { chats: [] } }]);
    expect(outcomes).toEqual([
      ['chat:list', false],
      ['chat:list', true],
    ]);
  });
});
