/** The chat client's state (`createChatClient`) in React, whole or a slice of it. */
import type { ChatClient } from '../core/chatClientTypes.ts';
import type { ChatClientState } from '../core/chatTypes.ts';
import { useStore, type Equality, type Selector } from './useStore.ts';

/**
 * `useChatClient(client)` is the whole state; `useChatClient(client, (s) => s.chats[id])` re-renders
 * only when that chat changes.
 */
export function useChatClient<T = ChatClientState>(
  client: Pick<ChatClient, 'getState' | 'subscribe'>,
  selector?: Selector<ChatClientState, T>,
  equal?: Equality<T>,
): T {
  return useStore(client, selector, equal);
}
