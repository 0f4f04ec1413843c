/**
 * The agent's HTTP calls: canned messages, the customer panel and the messages customers left,
 * with the agent's session token (`Authorization: Bearer`, renewed now and then, so asked for on
 * every call). Every failure is a `HybridChatError` (the server's code, TIMEOUT or DISCONNECTED).
 */
import type {
  CannedMessage,
  CannedMessageList,
  CustomerProfile,
  OfflineMessage,
  OfflineMessageList,
  PreviousTranscript,
} from '../core/protocol.ts';
import { createHttpClient, type HttpClientOptions } from '../transport/http.ts';

/** Messages customers left when no chat was possible, for agents and supervisors. */
export interface LeftMessagesApi {
  list(status: 'open' | 'handled' | 'all'): Promise<OfflineMessage[]>;
  markHandled(id: string): Promise<OfflineMessage>;
}

export interface AgentApi {
  canned(): Promise<CannedMessage[]>;
  /** The customer panel: who the chat's customer is, their earlier chats. */
  customer(chatId: string): Promise<CustomerProfile>;
  previousChat(chatId: string, previousId: string): Promise<PreviousTranscript>;
  /** Optional, so that fakes for tests need not have it. */
  leftMessages?: LeftMessagesApi;
}

/** `baseUrl`, `token` and `renewToken` (after UNAUTHORIZED: a new token, the call is retried once). */
export type AgentApiOptions = HttpClientOptions;

export function createAgentApi(options: AgentApiOptions): AgentApi {
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
