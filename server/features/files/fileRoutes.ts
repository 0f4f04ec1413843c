/**
 * The HTTP face of attachments (server/features/files/fileService.ts):
 * - `POST /api/chats/:chatId/files?clientId=&name=` — raw bytes, `Authorization: Bearer <session
 *   token>`, at most MAX_UPLOAD_BYTES (Fastify's body limit, answered as FILE_TOO_LARGE) → `{ message }`.
 * - `GET /api/chats/:chatId/files/:fileId/link` (Bearer) → a signed path that lives a few minutes.
 * - `GET /api/files/:fileId?exp=&sig=` — the file by that path; `GET /api/chats/:chatId/files/:fileId`
 *   with the Bearer token for clients that can send headers.
 * Files are sent with their sniffed type, `nosniff`, a sandboxing CSP, and as an attachment unless
 * they are raster images (which `<img>` shows inline).
 */
import { readFile } from 'node:fs/promises';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HybridChatError } from '../../../sdk/core/errors.ts';
import { isInlineImage } from '../../../sdk/core/fileTypes.ts';
import { LIMITS, type FileUploadResponse } from '../../../sdk/core/protocol.ts';
import { parsePayload } from '../../../sdk/core/protocolSchemas.ts';
import type { TokenSigner } from '../../auth/tokens.ts';
import type { Principal } from '../../core/chatService.ts';
import type { FileRecord } from '../../core/storage/storage.ts';
import { sendError } from '../../http/sendError.ts';
import type { FileBytes } from './fileBytes.ts';
import type { FileService } from './fileService.ts';

export interface FileRouteDeps {
  service: FileService;
  files: Pick<FileBytes, 'pathOf'>;
  tokens: TokenSigner;
  maxBytes: number;
}

const chatParams = z.object({ chatId: z.string().min(1).max(LIMITS.clientId) });
const fileParams = chatParams.extend({ fileId: z.string().min(1).max(64) });

function principal(request: FastifyRequest, tokens: TokenSigner): Principal {
  const header = request.headers.authorization;
  const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
  const claims = tokens.verify(token, 'customer') ?? tokens.verify(token, 'agent');
  if (!claims) throw new HybridChatError('UNAUTHORIZED', 'a valid session token is required');
  return { role: claims.role, id: claims.sub, name: claims.name };
}

function params<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new HybridChatError('BAD_REQUEST', 'invalid path');
  return parsed.data;
}

/** `attachment; filename="…"; filename*=UTF-8''…` (RFC 6266), with a plain-ASCII fallback name. */
function disposition(file: FileRecord): string {
  const kind = isInlineImage(file.type) ? 'inline' : 'attachment';
  const fallback = file.name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(file.name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16)}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

async function sendFile(
  reply: FastifyReply,
  file: FileRecord,
  files: FileRouteDeps['files'],
): Promise<FastifyReply> {
  const path = files.pathOf(file.id);
  if (!path) throw new HybridChatError('NOT_FOUND', 'no such file');
  // Read whole (uploads are at most MAX_UPLOAD_BYTES): a missing file is a clean 404, not a broken stream.
  const bytes = await readFile(path).catch(() => {
    throw new HybridChatError('NOT_FOUND', 'no such file');
  });
  return reply
    .header('Content-Type', file.type === 'text/plain' ? 'text/plain; charset=utf-8' : file.type)
    .header('Content-Disposition', disposition(file))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Security-Policy', "default-src 'none'; sandbox")
    .header('Cross-Origin-Resource-Policy', 'cross-origin')
    .header('Cache-Control', 'private, max-age=300')
    .send(bytes);
}

export function registerFileRoutes(app: FastifyInstance, deps: FileRouteDeps): void {
  const { service, tokens } = deps;

  void app.register(async (scope) => {
    // Whatever the client says the body is, it is bytes to sniff: no JSON or form parsing here.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: deps.maxBytes }, (_request, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return sendError(
          reply,
          new HybridChatError('FILE_TOO_LARGE', `files may have at most ${deps.maxBytes} bytes`),
        );
      }
      if (error.statusCode !== undefined && error.statusCode < 500) {
        return sendError(reply, new HybridChatError('BAD_REQUEST', error.message));
      }
      request.log.error({ err: error }, 'file request failed');
      return sendError(reply, error);
    });

    scope.post('/api/chats/:chatId/files', { bodyLimit: deps.maxBytes }, async (request, reply) => {
      try {
        const who = principal(request, tokens);
        const { chatId } = params(chatParams, request.params);
        const query = parsePayload('fileUpload', request.query);
        const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const message = await service.upload(who, chatId, query, body);
        const response: FileUploadResponse = { message };
        return reply.send(response);
      } catch (error) {
        return sendError(reply, error);
      }
    });

    scope.get('/api/chats/:chatId/files/:fileId/link', async (request, reply) => {
      try {
        const who = principal(request, tokens);
        const { chatId, fileId } = params(fileParams, request.params);
        return reply.header('Cache-Control', 'no-store').send(await service.link(who, chatId, fileId));
      } catch (error) {
        return sendError(reply, error);
      }
    });

    scope.get('/api/chats/:chatId/files/:fileId', async (request, reply) => {
      try {
        const who = principal(request, tokens);
        const { chatId, fileId } = params(fileParams, request.params);
        return await sendFile(reply, await service.ownFile(who, chatId, fileId), deps.files);
      } catch (error) {
        return sendError(reply, error);
      }
    });

    scope.get('/api/files/:fileId', async (request, reply) => {
      try {
        const { fileId } = params(z.object({ fileId: z.string().min(1).max(64) }), request.params);
        const query = (request.query ?? {}) as Record<string, unknown>;
        return await sendFile(
          reply,
          await service.bySignedLink(fileId, query['exp'], query['sig']),
          deps.files,
        );
      } catch (error) {
        return sendError(reply, error);
      }
    });
  });
}
