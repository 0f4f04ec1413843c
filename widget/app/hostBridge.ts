/**
 * The chat app's side of the loader bridge (`widget/bridge.ts`): posts only to the host page's
 * origin and listens only to the parent window from that origin. Opened directly (no parent, or no
 * origin given) it stays silent. `ready` waits for the app's language (`languageLoaded`): the loader
 * shows the iframe on `ready`, and the customer should not see English flash by first.
 */
import {
  BRIDGE_VERSION,
  cleanIdentity,
  isHostMessage,
  type FrameMessage,
  type HostMessage,
  type Identity,
  type WidgetStatus,
} from '../bridge.ts';
import { languageLoaded } from './i18n/i18n.ts';

type FramePayload = FrameMessage extends infer M ? (M extends FrameMessage ? Omit<M, 'v'> : never) : never;

export interface HostBridge {
  /** Whether a host page is there to talk to (false when the app is opened on its own). */
  readonly embedded: boolean;
  post(message: FramePayload): void;
  onVisibility(listener: (open: boolean) => void): () => void;
  /** `identify({ … })` on the host page, checked (`cleanIdentity`). */
  onIdentify(listener: (identity: Identity) => void): () => void;
  /** `setLocale(lng)` on the host page. */
  onLocale(listener: (locale: string) => void): () => void;
}

export function createHostBridge(parentOrigin: string | null, scope: Window = window): HostBridge {
  const parent = scope.parent !== scope ? scope.parent : null;
  const listen = (handle: (message: HostMessage) => void): (() => void) => {
    const onMessage = (event: MessageEvent): void => {
      if (!parent || event.source !== parent || event.origin !== parentOrigin) return;
      if (isHostMessage(event.data)) handle(event.data);
    };
    scope.addEventListener('message', onMessage);
    return () => scope.removeEventListener('message', onMessage);
  };
  return {
    embedded: parent !== null && parentOrigin !== null,
    post(message) {
      if (!parent || !parentOrigin) return;
      const send = (): void =>
        parent.postMessage({ v: BRIDGE_VERSION, ...message } as FrameMessage, parentOrigin);
      if (message.type === 'ready') void languageLoaded().then(send, send);
      else send();
    },
    onVisibility: (listener) => listen((m) => m.type === 'visibility' && listener(m.open)),
    onIdentify: (listener) => listen((m) => m.type === 'identify' && listener(cleanIdentity(m.identity))),
    onLocale: (listener) => listen((m) => m.type === 'locale' && listener(m.locale)),
  };
}

/** A bridge to nowhere, for tests and for the app opened on its own. */
export function createDetachedBridge(): HostBridge {
  const none = () => () => {};
  return { embedded: false, post: () => {}, onVisibility: none, onIdentify: none, onLocale: none };
}

export type { Identity, WidgetStatus };
