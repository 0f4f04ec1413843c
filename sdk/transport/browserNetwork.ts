/**
 * The browser's idea of being online, for the chat client's `network` option: while it is off the
 * client shows `offline` instead of an endless `reconnecting`, and it reconnects as soon as the
 * network is back. Outside a browser (Node, workers without the events) it is always online.
 * https://html.spec.whatwg.org/multipage/system-state.html#dom-navigator-online
 */
import type { NetworkStatus } from '../core/chatClientTypes.ts';

export function createBrowserNetwork(): NetworkStatus {
  const target = globalThis as { addEventListener?: unknown };
  const hasEvents = typeof target.addEventListener === 'function';
  return {
    get online() {
      return !hasEvents || (globalThis.navigator as { onLine?: boolean } | undefined)?.onLine !== false;
    },
    subscribe(listener) {
      if (!hasEvents) return () => {};
      const online = () => listener(true);
      const offline = () => listener(false);
      globalThis.addEventListener('online', online);
      globalThis.addEventListener('offline', offline);
      return () => {
        globalThis.removeEventListener('online', online);
        globalThis.removeEventListener('offline', offline);
      };
    },
  };
}
