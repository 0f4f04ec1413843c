/**
 * Attachments over the chat server's HTTP API, authenticated with the participant's session token
 * (`Authorization: Bearer`): uploading a file into a chat (which stores it as a `file` message), and
 * asking for a short-lived signed link to fetch one, since `<img src>` and download links cannot send
 * headers. Uploads use XMLHttpRequest where there is one, for progress; fetch otherwise (Node).
 * Every failure is a `HybridChatError`: the server's code (`FILE_TOO_LARGE`, `FILE_TYPE`, …),
 * TIMEOUT, or DISCONNECTED when the server cannot be reached.
 */
import { errorFromBody } from '../core/chatTransport.ts';
import { HybridChatError, ProtocolError } from '../core/errors.ts';
import type { ChatMessage, FileLinkResponse, FileUploadResponse } from '../core/protocol.ts';

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
  /** Default 2 minutes for an upload, 10 s for a link. */
  uploadTimeoutMs?: number;
  linkTimeoutMs?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Use XMLHttpRequest (progress) when the platform has it; default true. */
  useXhr?: boolean;
}

interface RawAnswer {
  status: number;
  json: unknown;
}

function failure(path: string, answer: RawAnswer): HybridChatError {
  const body = (answer.json as { error?: unknown } | undefined)?.error;
  if (body !== undefined) return errorFromBody(body);
  if (answer.status === 413) return new HybridChatError('FILE_TOO_LARGE', `${path}: the file is too large`);
  return new HybridChatError('INTERNAL', `${path}: HTTP ${answer.status}`);
}

function xhrRequest(
  url: string,
  token: string,
  body: Blob,
  timeoutMs: number,
  onProgress?: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
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
      resolve({ status: xhr.status, json });
    };
    xhr.onerror = () => reject(new HybridChatError('DISCONNECTED', 'the chat server cannot be reached'));
    xhr.ontimeout = () => reject(new HybridChatError('TIMEOUT', 'the upload took too long'));
    xhr.onabort = () => reject(new HybridChatError('DISCONNECTED', 'the upload was cancelled'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(body);
  });
}

export function createFileApi(options: FileApiOptions): FileApi {
  const base = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const useXhr = (options.useXhr ?? true) && typeof XMLHttpRequest !== 'undefined';

  async function fetchJson(path: string, init: RequestInit, timeoutMs: number): Promise<RawAnswer> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init.signal ? AbortSignal.any([timeout, init.signal]) : timeout;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, { ...init, signal });
    } catch (error) {
      if (timeout.aborted)
        throw new HybridChatError('TIMEOUT', `${path}: no answer in time`, { cause: error });
      throw new HybridChatError('DISCONNECTED', `${path}: the chat server cannot be reached`, {
        cause: error,
      });
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch (error) {
      if (response.ok) throw new ProtocolError(`${path}: the answer is not JSON`, { cause: error });
    }
    return { status: response.status, json };
  }

  return {
    async upload({ chatId, clientId, name, body, onProgress, signal }) {
      const path = `/api/chats/${encodeURIComponent(chatId)}/files?${new URLSearchParams({ clientId, name })}`;
      const timeoutMs = options.uploadTimeoutMs ?? 120_000;
      const answer = useXhr
        ? await xhrRequest(`${base}${path}`, options.token(), body, timeoutMs, onProgress, signal)
        : await fetchJson(
            path,
            {
              method: 'POST',
              headers: {
                authorization: `Bearer ${options.token()}`,
                'content-type': 'application/octet-stream',
              },
              body,
              ...(signal ? { signal } : {}),
            },
            timeoutMs,
          );
      if (answer.status !== 200) throw failure('upload', answer);
      if (!useXhr) onProgress?.(body.size, body.size);
      const message = (answer.json as FileUploadResponse | undefined)?.message;
      if (!message || message.kind !== 'file')
        throw new ProtocolError('upload: the answer has no file message');
      return message;
    },

    async link(chatId, fileId) {
      const path = `/api/chats/${encodeURIComponent(chatId)}/files/${encodeURIComponent(fileId)}/link`;
      const answer = await fetchJson(
        path,
        { headers: { authorization: `Bearer ${options.token()}`, accept: 'application/json' } },
        options.linkTimeoutMs ?? 10_000,
      );
      if (answer.status !== 200) throw failure('link', answer);
      const link = answer.json as FileLinkResponse;
      return { url: `${base}${link.path}`, expiresAt: link.expiresAt };
    },
  };
}
