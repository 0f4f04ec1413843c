/**
 * The chat client's immutable snapshots as React state. `subscribe` and `getState` come straight from
 * the SDK client, so React re-renders exactly when the client publishes a new snapshot.
 */
import { useSyncExternalStore } from 'react';
import type { ChatClientState } from '../../sdk/index.ts';
import type { ChatClientPort } from '../chat/ports.ts';
import { useGadget } from '../stores/gadgetContext.tsx';

export function useChatClientState(client: ChatClientPort): ChatClientState {
  return useSyncExternalStore(
    (onChange) => client.subscribe(onChange),
    () => client.getState(),
  );
}

/** The chat client of the gadget this component belongs to. */
export function useChatState(): ChatClientState {
  return useChatClientState(useGadget().client);
}
