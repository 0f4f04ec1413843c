import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, apiErrors } from '../apiError.ts';
import { parseXmlSafely, textOf, XmlRejectedError } from '../xml/xmlParser.ts';

/** Shared by the `/finesse/api` route files: XML replies, request bodies, errors. */

/** A request body is a handful of short elements; anything past this is refused (400). */
export const MAX_XML_BODY = 16 * 1024;

const XML = 'application/xml; charset=utf-8';

export function sendXml(reply: FastifyReply, xml: string, status = 200): FastifyReply {
  return reply.code(status).type(XML).send(xml);
}

/** Finesse echoes a `requestId` request header in the resulting `<Update>` (Cisco "Change Agent State"). */
export function requestIdOf(request: FastifyRequest): string {
  const value = request.headers.requestid;
  return typeof value === 'string' ? value.slice(0, 128) : '';
}

/**
 * Reads `<root><field/>…</root>` into the named text fields; every failure is a 400 `Bad Request`.
 * Unknown elements are ignored, as Finesse ignores them.
 */
export function parseXmlBody<F extends string>(
  body: unknown,
  root: string,
  fields: readonly F[],
): Partial<Record<F, string>> {
  if (typeof body !== 'string' || body.trim() === '') {
    throw apiErrors.badRequest(`The request body must be a ${root} XML document (application/xml).`);
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseXmlSafely(body, { maxLength: MAX_XML_BODY });
  } catch (error) {
    if (error instanceof XmlRejectedError) throw apiErrors.badRequest(error.message);
    throw error;
  }
  const element = doc[root];
  if (Object.keys(doc).length !== 1 || element === undefined) {
    throw apiErrors.badRequest(`The root element must be <${root}>.`);
  }
  const record = typeof element === 'object' && element !== null ? (element as Record<string, unknown>) : {};
  const result: Partial<Record<F, string>> = {};
  for (const name of fields) {
    const value = record[name];
    if (value === undefined) continue;
    if (typeof value !== 'string') throw apiErrors.badRequest(`<${name}> must be given once, as text.`);
    result[name] = textOf(value).trim();
  }
  return result;
}

export function toApiError(error: FastifyError | ApiError): ApiError {
  if (error instanceof ApiError) return error;
  // Fastify's own request errors (body too large, unsupported media type, bad JSON…) are all a
  // malformed request to Finesse: 400 with the reason, never a stack trace.
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return apiErrors.badRequest(error.message, error.code);
  return apiErrors.internal();
}
