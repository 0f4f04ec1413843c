/**
 * The one mapping of errors to what clients see: a socket ack's `{ code, message }` and an HTTP
 * status. Only a `HybridChatError` says what went wrong; anything else is INTERNAL, with no detail.
 */
import { HybridChatError, type HybridChatErrorCode } from '../../sdk/core/errors.ts';
import type { ProtocolErrorBody } from '../../sdk/core/protocol.ts';

const STATUS: Partial<Record<HybridChatErrorCode, number>> = {
  BAD_REQUEST: 400,
  PROTOCOL: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  FILE_TOO_LARGE: 413,
  FILE_TYPE: 415,
  RATE_LIMITED: 429,
  FINESSE: 502,
  UNAVAILABLE: 503,
  TIMEOUT: 504,
};

export function errorBody(error: unknown): ProtocolErrorBody {
  if (error instanceof HybridChatError) {
    const code = error.code === 'PROTOCOL' ? 'BAD_REQUEST' : error.code;
    return error.retryAfterMs === undefined
      ? { code, message: error.message }
      : { code, message: error.message, retryAfterMs: error.retryAfterMs };
  }
  return { code: 'INTERNAL', message: 'internal error' };
}

export function httpStatus(error: unknown): number {
  return error instanceof HybridChatError ? (STATUS[error.code] ?? 500) : 500;
}

/** Whether the error is one the client caused or may see (else it is logged as a failure). */
export const isExpected = (error: unknown): error is HybridChatError => error instanceof HybridChatError;
