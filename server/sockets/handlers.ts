/**
 * A namespace's socket events as one table of handlers: each validates the payload (sdk
 * protocolSchemas), runs the call and answers the ack with a `Result` — socket.io acks cannot
 * reject, so every failure becomes `{ ok: false, error: { code, message } }` (server/core/errors.ts).
 * What a handler returns is type-checked against the ack type the protocol's event map declares for
 * that event. A socket gets one listener that looks its events up in the table (`socket.onAny`), not
 * one closure per event: twenty thousand sockets carry no copies of the handlers.
 */
import type { Socket } from 'socket.io';
import { parsePayload, type SchemaName } from '../../sdk/core/protocolSchemas.ts';
import type { Result } from '../../sdk/core/protocol.ts';
import type { TokenClaims } from '../auth/tokens.ts';
import type { Principal } from '../core/chatService.ts';
import { errorBody, isExpected } from '../core/errors.ts';
import { rateLimited } from '../limits/tokenBuckets.ts';

export interface HandlerLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The data type of an event's ack (`Ack<T>` in the protocol maps). */
export type ReplyOf<F> = F extends (payload: never, ack: (result: Result<infer T>) => void) => void
  ? T
  : never;
type Payload<K extends SchemaName> = ReturnType<typeof parsePayload<K>>;

/** Who sent the event, on which socket. */
export interface RequestContext<S> {
  socket: S;
  who: Principal;
  claims: TokenClaims;
}

/** Events answered through an ack, by name, for the client-to-server map `Events`. */
export type Requests<Events, S> = {
  [K in keyof Events & SchemaName]?: (
    payload: Payload<K>,
    context: RequestContext<S>,
  ) => ReplyOf<Events[K]> | Promise<ReplyOf<Events[K]>>;
};

/** Fire-and-forget events (typing): invalid or unauthorised ones are dropped quietly. */
export type Notices<Events, S> = {
  [K in keyof Events & SchemaName]?: (payload: Payload<K>, context: RequestContext<S>) => unknown;
};

type AnyHandler = (payload: unknown, context: RequestContext<unknown>) => unknown;

/** 0 when the socket may send `event` now, else how long to wait (server/limits/socketGuard.ts). */
export type EventMeter = (context: RequestContext<Socket>, event: string) => number;

/**
 * Called as a request (within its limits) is taken up; what it returns is called as its ack goes
 * out (the ack latency of server/http/metrics.ts, the requests in flight of inFlight.ts).
 */
export type RequestTimer = (event: string) => ((ok: boolean) => void) | undefined;

/**
 * Builds a namespace's table; the same event twice is a mistake found at start. With a `meter`,
 * every event is metered first: a request past its limit is answered RATE_LIMITED, a notice dropped.
 */
export function createHandlerTable<Events, S extends Socket>(
  log: HandlerLog,
  meter?: EventMeter,
  timer?: RequestTimer,
) {
  const requests = new Map<string, AnyHandler>();
  const notices = new Map<string, AnyHandler>();

  function add(target: Map<string, AnyHandler>, table: object): void {
    for (const [event, handler] of Object.entries(table)) {
      if (requests.has(event) || notices.has(event))
        throw new Error(`[hybrid-chat] two handlers for ${event}`);
      target.set(event, handler as AnyHandler);
    }
  }

  function answer(
    event: string,
    handler: AnyHandler,
    payload: unknown,
    ack: unknown,
    context: RequestContext<S>,
    done: ((ok: boolean) => void) | undefined,
  ) {
    if (typeof ack !== 'function') {
      log.warn({ event, socket: context.socket.id }, 'request without ack dropped');
      done?.(false);
      return;
    }
    const reply = (result: Result<unknown>) => {
      (ack as (result: Result<unknown>) => void)(result);
      done?.(result.ok);
    };
    const fail = (error: unknown) => {
      if (!isExpected(error)) log.error({ err: error, event }, 'request failed');
      reply({ ok: false, error: errorBody(error) });
    };
    let result: unknown;
    try {
      result = handler(parsePayload(event as SchemaName, payload), context as RequestContext<unknown>);
    } catch (error) {
      fail(error);
      return;
    }
    if (result instanceof Promise) result.then((data: unknown) => reply({ ok: true, data }), fail);
    else reply({ ok: true, data: result });
  }

  return {
    requests(table: Requests<Events, S>): void {
      add(requests, table);
    },
    notices(table: Notices<Events, S>): void {
      add(notices, table);
    },
    /** Answers this socket's events from the table. */
    listen(context: RequestContext<S>): void {
      context.socket.onAny((event: string, payload: unknown, ack: unknown) => {
        const request = requests.get(event);
        const wait = meter ? meter(context, event) : 0;
        if (wait > 0) {
          if (request && typeof ack === 'function')
            (ack as (result: Result<never>) => void)({
              ok: false,
              error: errorBody(rateLimited(`${event} events`, wait)),
            });
          return;
        }
        if (request) {
          answer(event, request, payload, ack, context, timer?.(event));
          return;
        }
        const notice = notices.get(event);
        if (!notice) return;
        // A notice has no answer; a bad or foreign one changes nothing, so dropping it is safe.
        try {
          const done = notice(parsePayload(event as SchemaName, payload), context as RequestContext<unknown>);
          if (done instanceof Promise) done.catch(() => undefined);
        } catch {
          // As above: dropped.
        }
      });
    },
  };
}

export type HandlerTable<Events, S extends Socket> = ReturnType<typeof createHandlerTable<Events, S>>;
