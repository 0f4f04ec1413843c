/**
 * A browser notification for a Desktop Chat message while the desktop's tab is hidden. Only when
 * the agent switched desktop notifications on in the gadget's settings (the one place that asks
 * the browser for permission); clicking it brings the desktop forward with that chat open.
 */
import type { ChatMessage } from '../../sdk/desktop-chat/index.ts';

export interface MessageAlert {
  title: string;
  body: string;
}

type NotificationApi = Pick<typeof Notification, 'permission'> &
  (new (title: string, options?: NotificationOptions) => Notification);

export function showMessageAlert(
  message: ChatMessage,
  alert: MessageAlert,
  onClick: () => void,
  {
    scope = globalThis,
    doc = document,
  }: { scope?: typeof globalThis; doc?: Pick<Document, 'visibilityState'> } = {},
): boolean {
  const api = typeof scope.Notification === 'function' ? (scope.Notification as NotificationApi) : null;
  if (!api || api.permission !== 'granted' || doc.visibilityState !== 'hidden') return false;
  try {
    // One per colleague: a newer message replaces the older notification instead of stacking.
    const shown = new api(alert.title, { body: alert.body, tag: `hybrid-chat:desktop-chat:${message.peer}` });
    shown.onclick = () => {
      try {
        scope.parent?.focus();
        scope.focus();
      } catch {
        // A cross-origin parent may refuse focus(); the browser still raised the window.
      }
      onClick();
      shown.close();
    };
    return true;
  } catch (error) {
    console.warn('[hybrid-chat gadget] could not show a desktop notification', error);
    return false;
  }
}

/** What a message says in one line (a file: its name), at most `max` characters. */
export function messageSummary(message: ChatMessage, max = 160): string {
  const text = (message.file?.name ?? message.body).replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
