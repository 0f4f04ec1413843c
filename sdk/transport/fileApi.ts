/**
 * Attachments over the chat server's HTTP API, authenticated with the participant's session token
 * (`Authorization: Bearer`): uploading a file into a chat (which stores it as a `file` message), and
 * asking for a short-lived signed link to fetch one, since `<img src>` and download links cannot send
 * headers. Uploads use XMLHttpRequest where there is one, for progress; fetch otherwise (Node).
 * Every failure is a `HybridChatError`: the server's code (`FILE_TOO_LARGE`, `FILE_TYPE`, …),
 * TIMEOUT, or DISCONNECTED when the server cannot be reached.
 */
import { HybridChatError, ProtocolError } from '../core/errors.ts';
import type { ChatMessage, FileLinkResponse, FileUploadResponse } from '../core/protocol.ts';
import { createHttpClient, httpError } from './http.ts';

export interface FileUploadRequest {
  chatId: string;
  /** The message's client id: a retry with the same id stores nothing twice. */
  clientId: string;
  name: string;
  body: Blob;
  onProgress?: (sent: number, total: number) => void;
  signal?: AbortSignal;
}

export interface FileLink {
  url: string;
  expiresAt: number;
}

export interface FileApi {
  upload(request: FileUploadRequest): Promise<ChatMessage>;
  link(chatId: string, fileId: string): Promise<FileLink>;
}

export interface FileApiOptions {
  baseUrl: string;
  /** The current session token (it is renewed now and then). */
  token: () => string;
  /** After a refusal (UNAUTHORIZED): get a new token, true when there is one; the call is retried once. */
  renewToken?: () => Promise<boolean>;
  /** Default 2 minutes for an upload, 10 s for a link. */
  uploadTimeoutMs?: number;
  linkTimeoutMs?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Use XMLHttpRequest (progress) when the platform has it; default true. */
  useXhr?: boolean;
}

/** A bare 413 from a proxy in front of the server still means the file is too large. */
const UPLOAD_STATUS_CODES = { 413: 'FILE_TOO_LARGE' } as const;

function xhrRequest(
  url: string,
  token: string | undefined,
  body: Blob,
  timeoutMs: number,
  onProgress?: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.timeout = timeoutMs;
    xhr.responseType = 'text';
    if (onProgress) xhr.upload.onprogress = (event) => onProgress(event.loaded, event.total || body.size);
    xhr.onload = () => {
      let json: unknown;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        json = undefined;
      }
      if (xhr.status === 200) resolve(json);
      else
        reject(
          httpError('upload', xhr.status, json, xhr.getResponseHeader('retry-after'), UPLOAD_STATUS_CODES),
        );
    };
    xhr.onerror = () => reject(new HybridChatError('DISCONNECTED', 'the chat server cannot be reached'));
    xhr.ontimeout = () => reject(new HybridChatError('TIMEOUT', 'the upload took too long'));
    xhr.onabort = () => reject(new HybridChatError('DISCONNECTED', 'the upload was cancelled'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

export function createFileApi(options: FileApiOptions): FileApi {
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    token: options.token,
    ...(options.renewToken ? { renewToken: options.renewToken } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const useXhr = (options.useXhr ?? true) && typeof XMLHttpRequest !== 'undefined';

  return {
    async upload({ chatId, clientId, name, body, onProgress, signal }) {
      const path = `/api/chats/${encodeURIComponent(chatId)}/files?${new URLSearchParams({ clientId, name })}`;
      const timeoutMs = options.uploadTimeoutMs ?? 120_000;
      const answer = useXhr
        ? await http.authorized((token) =>
            xhrRequest(http.url(path), token, body, timeoutMs, onProgress, signal),
          )
        : await http.json<unknown>(path, {
            method: 'POST',
            body: { data: body, type: 'application/octet-stream' },
            timeoutMs,
            statusCodes: UPLOAD_STATUS_CODES,
            ...(signal ? { signal } : {}),
          });
      if (!useXhr) onProgress?.(body.size, body.size);
      const message = (answer as FileUploadResponse | undefined)?.message;
      if (!message || message.kind !== 'file')
        throw new ProtocolError('upload: the answer has no file message');
      return message;
    },

    async link(chatId, fileId) {
      const path = `/api/chats/${encodeURIComponent(chatId)}/files/${encodeURIComponent(fileId)}/link`;
      const link = await http.json<FileLinkResponse>(path, { timeoutMs: options.linkTimeoutMs ?? 10_000 });
      return { url: http.url(link.path), expiresAt: link.expiresAt };
    },
  };
}
