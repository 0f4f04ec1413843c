/**
 * The agent desk's HTTP calls: canned messages, the customer panel and the messages
 * customers left, with the agent's session token (`Authorization: Bearer`, renewed now
 * and then, so asked for on every call). Every failure is a `HybridChatError` (the server's code,
 * TIMEOUT or DISCONNECTED).
 */
import {
  createHttpClient,
  type CannedMessage,
  type CannedMessageList,
  type CustomerProfile,
  type OfflineMessage,
  type OfflineMessageList,
  type PreviousTranscript,
} from '../../sdk/index.ts';

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
  /** After a refusal (UNAUTHORIZED): get a new token, true when there is one; the call is retried once. */
  renewToken?: () => Promise<boolean>;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createDeskApi(options: DeskApiOptions): DeskPort {
  const http = createHttpClient(options);
  const get = <T>(path: string, method: 'GET' | 'POST' = 'GET'): Promise<T> => http.json<T>(path, { method });
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
