/** The chat client of the gadget a component belongs to, as React state (see `ui/hooks`). */
import type { ChatClientState } from '../../sdk/index.ts';
import { useChatClientState } from '../../ui/hooks/useChatClientState.ts';
import { useGadget } from '../stores/gadgetContext.tsx';

export function useChatState(): ChatClientState {
  return useChatClientState(useGadget().client);
}
