/**
 * Wires a socket event to a service call: validates the payload (sdk protocolSchemas), runs the call
 * and answers the ack with a `Result` — socket.io acks cannot reject, so every failure becomes
 * `{ ok: false, error: { code, message } }` (server/core/errors.ts). What a handler returns is
 * type-checked against the ack type the protocol's event map declares for that event.
 */
import type { Socket } from 'socket.io';
import { parsePayload, type SchemaName } from '../../sdk/core/protocolSchemas.ts';
import type { Result } from '../../sdk/core/protocol.ts';
import { errorBody, isExpected } from '../core/errors.ts';

export interface HandlerLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The data type of an event's ack (`Ack<T>` in the protocol maps). */
export type ReplyOf<F> = F extends (payload: never, ack: (result: Result<infer T>) => void) => void
  ? T
  : never;
type Payload<K extends SchemaName> = ReturnType<typeof parsePayload<K>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any typed namespace's socket
type AnySocket = Socket<any, any, any, any>;
/** The client-to-server event map of a typed socket. */
type ListenOf<S> = S extends Socket<infer Listen, infer _Emit, infer _Server, infer _Data> ? Listen : never;
type Reply<S, K> = K extends keyof ListenOf<S> ? ReplyOf<ListenOf<S>[K]> : never;

/** An event answered through an ack. A call without an ack function is dropped. */
export function onRequest<S extends AnySocket, K extends keyof ListenOf<S> & SchemaName>(
  socket: S,
  event: K,
  log: HandlerLog,
  handler: (payload: Payload<K>) => Reply<S, K> | Promise<Reply<S, K>>,
): void {
  (socket as Socket).on(event as string, (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') {
      log.warn({ event, socket: socket.id }, 'request without ack dropped');
      return;
    }
    const answer = ack as (result: Result<Reply<S, K>>) => void;
    new Promise<Reply<S, K>>((resolve) => resolve(handler(parsePayload(event, payload)))).then(
      (data) => answer({ ok: true, data }),
      (error: unknown) => {
        if (!isExpected(error)) log.error({ err: error, event }, 'request failed');
        answer({ ok: false, error: errorBody(error) });
      },
    );
  });
}

/** A fire-and-forget event (typing): invalid or unauthorised ones are dropped quietly. */
export function onNotice<K extends SchemaName>(
  socket: AnySocket,
  event: K,
  handler: (payload: Payload<K>) => unknown,
): void {
  (socket as Socket).on(event as string, (payload: unknown) => {
    // A notice has no answer; a bad or foreign one changes nothing, so dropping it is safe.
    new Promise((resolve) => resolve(handler(parsePayload(event, payload)))).catch(() => undefined);
  });
}
