/** Answers an HTTP request with the error's status and body (the mapping is server/core/errors.ts). */
import type { FastifyReply } from 'fastify';
import type { HttpErrorResponse } from '../../sdk/core/protocol.ts';
import { errorBody, httpStatus } from '../core/errors.ts';

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const body: HttpErrorResponse = { error: errorBody(error) };
  // RFC 9110 §10.2.3: whole seconds, rounded up.
  if (body.error.retryAfterMs !== undefined)
    void reply.header('retry-after', String(Math.ceil(body.error.retryAfterMs / 1000)));
  return reply.code(httpStatus(error)).send(body);
}
