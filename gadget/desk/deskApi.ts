/**
 * The agent desk's HTTP calls: canned messages, the customer panel and the messages
 * customers left, with the agent's session token (`Authorization: Bearer`, renewed now
 * and then, so asked for on every call). Every failure is a `HybridChatError` (the server's code,
 * TIMEOUT or DISCONNECTED).
 */
import { errorFromBody, HybridChatError } from '../../sdk/index.ts';
import type {
  CannedMessage,
  CannedMessageList,
  CustomerProfile,
  OfflineMessage,
  OfflineMessageList,
  PreviousTranscript,
} from '../../sdk/core/protocol.ts';

/** Messages customers left when no chat was possible, for agents and supervisors. */
export interface LeftMessagesPort {
  list(status: 'open' | 'handled' | 'all'): Promise<OfflineMessage[]>;
  markHandled(id: string): Promise<OfflineMessage>;
}

export interface DeskPort {
  canned(): Promise<CannedMessage[]>;
  customer(chatId: string): Promise<CustomerProfile>;
  previousChat(chatId: string, previousId: string): Promise<PreviousTranscript>;
  /** Optional, so that desks built for tests without it need not fake it. */
  leftMessages?: LeftMessagesPort;
}

export interface DeskApiOptions {
  baseUrl: string;
  token: () => string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createDeskApi(options: DeskApiOptions): DeskPort {
  const base = options.baseUrl.replace(/\/+$/, '');
  const get = async <T>(path: string, method: 'GET' | 'POST' = 'GET'): Promise<T> => {
    const timeout = AbortSignal.timeout(options.timeoutMs ?? 10_000);
    let response: Response;
    try {
      response = await (options.fetch ?? globalThis.fetch)(`${base}${path}`, {
        method,
        headers: { accept: 'application/json', authorization: `Bearer ${options.token()}` },
        signal: timeout,
      });
    } catch (error) {
      if (timeout.aborted)
        throw new HybridChatError('TIMEOUT', `${path}: no answer in time`, { cause: error });
      throw new HybridChatError('DISCONNECTED', `${path}: the chat server cannot be reached`, {
        cause: error,
      });
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (response.ok && json !== undefined) return json as T;
    const body = (json as { error?: unknown } | undefined)?.error;
    throw body !== undefined
      ? errorFromBody(body)
      : new HybridChatError('INTERNAL', `${path}: HTTP ${response.status}`);
  };
  const chatPath = (chatId: string) => `/api/agent/chats/${encodeURIComponent(chatId)}/customer`;
  return {
    canned: async () => (await get<CannedMessageList>('/api/agent/canned')).messages,
    customer: (chatId) => get<CustomerProfile>(chatPath(chatId)),
    previousChat: (chatId, previousId) =>
      get<PreviousTranscript>(`${chatPath(chatId)}/chats/${encodeURIComponent(previousId)}`),
    leftMessages: {
      list: async (status) =>
        (await get<OfflineMessageList>(`/api/agent/messages?status=${status}`)).messages,
      markHandled: async (id) =>
        (
          await get<{ message: OfflineMessage }>(
            `/api/agent/messages/${encodeURIComponent(id)}/handled`,
            'POST',
          )
        ).message,
    },
  };
}
