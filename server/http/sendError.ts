/** Answers an HTTP request with the error's status and body (the mapping is server/core/errors.ts). */
import type { FastifyReply } from 'fastify';
import type { HttpErrorResponse } from '../../sdk/core/protocol.ts';
import { errorBody, httpStatus } from '../core/errors.ts';

export function sendError(reply: FastifyReply, error: unknown): FastifyReply {
  const body: HttpErrorResponse = { error: errorBody(error) };
  return reply.code(httpStatus(error)).send(body);
}
