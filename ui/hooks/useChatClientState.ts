/**
 * The SDK chat client's immutable snapshots as React state. `subscribe` and `getState` come straight
 * from the client, so React re-renders exactly when the client publishes a new snapshot.
 */
import { useSyncExternalStore } from 'react';
import type { ChatClient, ChatClientState } from '../../sdk/index.ts';

export function useChatClientState(client: Pick<ChatClient, 'subscribe' | 'getState'>): ChatClientState {
  return useSyncExternalStore(
    (onChange) => client.subscribe(onChange),
    () => client.getState(),
  );
}
