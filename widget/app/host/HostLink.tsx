/**
 * The chat app's link to the host page, rendered once by WidgetApp: the document's language and
 * direction (and `setLocale`), consent (storage is allowed once the customer has opened the panel),
 * the chat's events for the loader, a polite live region that reads out the agent's messages, and the
 * latest message kept in view when the panel shrinks (the phone's keyboard).
 */
import { useEffect } from 'react';
import type { HostBridge } from '../hostBridge.ts';
import type { ChatClientPort } from '../ports.ts';
import { allowStorage } from '../storage.ts';
import { useChatEvents } from './useChatEvents.ts';
import { useDocumentLanguage } from './useDocumentLanguage.ts';
import { useKeepLatestInView } from './useKeepLatestInView.ts';

export interface HostLinkProps {
  bridge: HostBridge;
  client: ChatClientPort | null;
  chatId: string | null;
  visible: boolean;
}

export function HostLink({ bridge, client, chatId, visible }: HostLinkProps) {
  useDocumentLanguage(bridge);
  useKeepLatestInView();
  useEffect(() => {
    if (visible || !bridge.embedded) allowStorage();
  }, [visible, bridge]);
  const announcement = useChatEvents({ bridge, client, chatId, visible });
  return (
    <div className="ui-sr-only" aria-live="polite" aria-atomic="true" data-testid="widget.announcer">
      {announcement}
    </div>
  );
}
