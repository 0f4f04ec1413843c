/**
 * The chat app's side of the loader bridge (`widget/bridge.ts`): posts only to the host page's
 * origin and listens only to the parent window from that origin. Opened directly (no parent, or no
 * origin given) it stays silent.
 */
import { BRIDGE_VERSION, isHostMessage, type FrameMessage, type WidgetStatus } from '../bridge.ts';

type FramePayload = FrameMessage extends infer M ? (M extends FrameMessage ? Omit<M, 'v'> : never) : never;

export interface HostBridge {
  post(message: FramePayload): void;
  onVisibility(listener: (open: boolean) => void): () => void;
}

export function createHostBridge(parentOrigin: string | null, scope: Window = window): HostBridge {
  const parent = scope.parent !== scope ? scope.parent : null;
  return {
    post(message) {
      if (!parent || !parentOrigin) return;
      parent.postMessage({ v: BRIDGE_VERSION, ...message } as FrameMessage, parentOrigin);
    },
    onVisibility(listener) {
      const onMessage = (event: MessageEvent): void => {
        if (!parent || event.source !== parent || event.origin !== parentOrigin) return;
        if (isHostMessage(event.data)) listener(event.data.open);
      };
      scope.addEventListener('message', onMessage);
      return () => scope.removeEventListener('message', onMessage);
    },
  };
}

export type { WidgetStatus };
