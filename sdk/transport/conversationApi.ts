/**
 * The widget conversation over the chat server's HTTP API: the queue's pre-chat fields and
 * availability, leaving a message, and the end of a chat (transcript, email, rating). Customer
 * calls carry the session token in the `Authorization` header, never in the URL. Every failure
 * is a `HybridChatError`: the server's own code, TIMEOUT, or DISCONNECTED.
 */
import { errorFromBody } from '../core/chatTransport.ts';
import { HybridChatError, ProtocolError } from '../core/errors.ts';
import type {
  EmailTranscriptRequest,
  EmailTranscriptResponse,
  LeaveMessageRequest,
  LeaveMessageResponse,
  RateChatRequest,
  RateChatResponse,
  WidgetConfigResponse,
} from '../core/protocol.ts';

export interface ConversationApiOptions {
  baseUrl: string;
  /** Default 10 s. */
  timeoutMs?: number;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
}

export interface TranscriptOptions {
  format?: 'txt' | 'html';
  locale?: string;
  timeZone?: string;
}

export interface TranscriptFile {
  blob: Blob;
  /** From the server's `Content-Disposition` (only safe characters; a fallback otherwise). */
  fileName: string;
}

export interface ConversationApi {
  config(query: { queue?: string | undefined; locale?: string | undefined }): Promise<WidgetConfigResponse>;
  leaveMessage(body: LeaveMessageRequest): Promise<LeaveMessageResponse>;
  transcript(token: string, chatId: string, options?: TranscriptOptions): Promise<TranscriptFile>;
  emailTranscript(
    token: string,
    chatId: string,
    body: EmailTranscriptRequest,
  ): Promise<EmailTranscriptResponse>;
  rate(token: string, chatId: string, body: RateChatRequest): Promise<RateChatResponse>;
}

interface Call {
  method?: 'GET' | 'POST';
  token?: string;
  body?: unknown;
}

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

export function createConversationApi(options: ConversationApiOptions): ConversationApi {
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call(path: string, init: Call = {}): Promise<Response> {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
    const doFetch = options.fetch ?? globalThis.fetch;
    let response: Response;
    try {
      response = await doFetch(`${base}${path}`, {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          accept: 'application/json',
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        signal: timeout,
      });
    } catch (error) {
      if (timeout.aborted)
        throw new HybridChatError('TIMEOUT', `${path}: no answer in time`, { cause: error });
      throw new HybridChatError('DISCONNECTED', `${path}: the chat server cannot be reached`, {
        cause: error,
      });
    }
    if (response.ok) return response;
    let body: unknown;
    try {
      body = ((await response.json()) as { error?: unknown }).error;
    } catch {
      body = undefined; // not JSON: a proxy's error page
    }
    if (body !== undefined) throw errorFromBody(body);
    throw new HybridChatError('INTERNAL', `${path}: HTTP ${response.status}`);
  }

  async function json<T>(path: string, init?: Call): Promise<T> {
    const response = await call(path, init);
    try {
      return (await response.json()) as T;
    } catch (error) {
      throw new ProtocolError(`${path}: the answer is not JSON`, { cause: error });
    }
  }

  const chatPath = (chatId: string) => `/api/customer/chats/${encodeURIComponent(chatId)}`;

  return {
    config: ({ queue, locale }) => json(`/api/widget/config${query({ queue, locale })}`),
    leaveMessage: (body) => json('/api/widget/messages', { body }),
    async transcript(token, chatId, transcript = {}) {
      const format = transcript.format ?? 'txt';
      const response = await call(
        `${chatPath(chatId)}/transcript${query({ format, locale: transcript.locale, timeZone: transcript.timeZone })}`,
        { token },
      );
      const disposition = response.headers.get('content-disposition') ?? '';
      const named = /filename="([A-Za-z0-9._-]{1,100})"/.exec(disposition)?.[1];
      return { blob: await response.blob(), fileName: named ?? `chat-transcript.${format}` };
    },
    emailTranscript: (token, chatId, body) => json(`${chatPath(chatId)}/transcript/email`, { token, body }),
    rate: (token, chatId, body) => json(`${chatPath(chatId)}/rating`, { token, body }),
  };
}
