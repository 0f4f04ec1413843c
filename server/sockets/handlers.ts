/**
 * Wires a socket event to a service call: validates the payload (sdk protocolSchemas), runs
 * the call, and answers the ack with a `Result` — socket.io acks cannot reject, so every
 * failure becomes `{ ok: false, error: { code, message } }`.
 */
import type { Socket } from 'socket.io';
import { HybridChatError } from '../../sdk/core/errors.ts';
import { parsePayload, type SchemaName } from '../../sdk/core/protocolSchemas.ts';
import type { ProtocolErrorBody, Result } from '../../sdk/core/protocol.ts';

export interface HandlerLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export function errorBody(error: unknown): ProtocolErrorBody {
  if (error instanceof HybridChatError) {
    return { code: error.code === 'PROTOCOL' ? 'BAD_REQUEST' : error.code, message: error.message };
  }
  return { code: 'INTERNAL', message: 'internal error' };
}

type AnySocket = Socket;

/** An event answered through an ack. A call without an ack function is dropped. */
export function onRequest<K extends SchemaName, T>(
  socket: AnySocket,
  event: K,
  log: HandlerLog,
  handler: (payload: ReturnType<typeof parsePayload<K>>) => T,
): void {
  socket.on(event as string, (payload: unknown, ack: unknown) => {
    if (typeof ack !== 'function') {
      log.warn({ event, socket: socket.id }, 'request without ack dropped');
      return;
    }
    let result: Result<T>;
    try {
      result = { ok: true, data: handler(parsePayload(event, payload)) };
    } catch (error) {
      if (!(error instanceof HybridChatError)) log.error({ err: error, event }, 'request failed');
      result = { ok: false, error: errorBody(error) };
    }
    (ack as (result: Result<T>) => void)(result);
  });
}

/** A fire-and-forget event (typing): invalid or unauthorised ones are dropped quietly. */
export function onNotice<K extends SchemaName>(
  socket: AnySocket,
  event: K,
  handler: (payload: ReturnType<typeof parsePayload<K>>) => void,
): void {
  socket.on(event as string, (payload: unknown) => {
    try {
      handler(parsePayload(event, payload));
    } catch {
      // A notice has no answer; a bad or foreign one changes nothing, so dropping it is safe.
    }
  });
}
