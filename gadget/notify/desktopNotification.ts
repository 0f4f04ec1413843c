/**
 * Browser notifications for chat offers while the Finesse desktop's browser tab is hidden. The
 * permission is only ever asked for from the agent's own click (the settings switch): browsers
 * ignore or penalise prompts that come out of nowhere. Finesse serves gadgets from its own origin
 * (`/gadgets/ifr`), so the gadget's iframe may ask like the desktop itself.
 */

export type AlertPermission = NotificationPermission | 'unsupported';

type NotificationApi = Pick<typeof Notification, 'permission' | 'requestPermission'> &
  (new (title: string, options?: NotificationOptions) => Notification);

function api(scope: typeof globalThis = globalThis): NotificationApi | null {
  return typeof scope.Notification === 'function' ? (scope.Notification as NotificationApi) : null;
}

export function alertPermission(scope?: typeof globalThis): AlertPermission {
  return api(scope)?.permission ?? 'unsupported';
}

/** Call from a click handler only. */
export async function requestAlertPermission(scope?: typeof globalThis): Promise<AlertPermission> {
  const notification = api(scope);
  if (!notification) return 'unsupported';
  try {
    return await notification.requestPermission();
  } catch {
    return notification.permission;
  }
}

export interface OfferAlert {
  title: string;
  body: string;
  /** One notification per offer: the same tag replaces instead of stacking. */
  tag: string;
}

/**
 * Shows the notification when the page is hidden and permission was granted; returns a function
 * that closes it (the offer was answered or withdrawn), or null when nothing was shown.
 */
export function showOfferAlert(
  alert: OfferAlert,
  {
    scope = globalThis,
    doc = document,
  }: { scope?: typeof globalThis; doc?: Pick<Document, 'visibilityState'> } = {},
): (() => void) | null {
  const notification = api(scope);
  if (!notification || notification.permission !== 'granted' || doc.visibilityState !== 'hidden') return null;
  try {
    const shown = new notification(alert.title, {
      body: alert.body,
      tag: alert.tag,
      requireInteraction: true,
    });
    shown.onclick = () => {
      // Bring the desktop forward; the offer card is waiting there.
      try {
        scope.parent?.focus();
        scope.focus();
      } catch {
        // A cross-origin parent may refuse focus(); the browser still raised the window.
      }
      shown.close();
    };
    return () => shown.close();
  } catch (error) {
    // Some browsers only allow notifications from a service worker (Chrome on Android).
    console.warn('[hybrid-chat gadget] could not show a desktop notification', error);
    return null;
  }
}
