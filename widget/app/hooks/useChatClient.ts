import { useSyncExternalStore } from 'react';
import type { ChatClientState } from '../../../sdk/index.ts';
import type { ChatClientPort } from '../ports.ts';

/** The chat client's immutable snapshots as React state. */
export function useChatClientState(client: ChatClientPort): ChatClientState {
  return useSyncExternalStore(
    (onChange) => client.subscribe(onChange),
    () => client.getState(),
  );
}
