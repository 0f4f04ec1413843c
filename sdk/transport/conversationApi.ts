/**
 * The widget conversation over the chat server's HTTP API: the queue's pre-chat fields and
 * availability, leaving a message, and the end of a chat (transcript, email, rating). Customer
 * calls carry the session token in the `Authorization` header, never in the URL. Every failure
 * is a `HybridChatError`: the server's own code, TIMEOUT, or DISCONNECTED.
 */
import type {
  EmailTranscriptRequest,
  EmailTranscriptResponse,
  LeaveMessageRequest,
  LeaveMessageResponse,
  RateChatRequest,
  RateChatResponse,
  WidgetConfigResponse,
} from '../core/protocol.ts';
import { createHttpClient } from './http.ts';

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

const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
};

export function createConversationApi(options: ConversationApiOptions): ConversationApi {
  const http = createHttpClient({
    baseUrl: options.baseUrl,
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  const chatPath = (chatId: string) => `/api/customer/chats/${encodeURIComponent(chatId)}`;

  return {
    config: ({ queue, locale }) => http.json(`/api/widget/config${query({ queue, locale })}`),
    leaveMessage: (json) => http.json('/api/widget/messages', { json }),
    async transcript(token, chatId, transcript = {}) {
      const format = transcript.format ?? 'txt';
      const response = await http.response(
        `${chatPath(chatId)}/transcript${query({ format, locale: transcript.locale, timeZone: transcript.timeZone })}`,
        { token },
      );
      const disposition = response.headers.get('content-disposition') ?? '';
      const named = /filename="([A-Za-z0-9._-]{1,100})"/.exec(disposition)?.[1];
      return { blob: await response.blob(), fileName: named ?? `chat-transcript.${format}` };
    },
    emailTranscript: (token, chatId, json) =>
      http.json(`${chatPath(chatId)}/transcript/email`, { token, json }),
    rate: (token, chatId, json) => http.json(`${chatPath(chatId)}/rating`, { token, json }),
  };
}
