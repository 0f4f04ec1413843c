/**
 * Makes a new offer noticed: a chime (setting `sound`), a browser notification while the desktop's
 * tab is hidden (setting `desktopAlerts`), and an assertive announcement for screen readers. Each
 * offer alerts once; its notification closes when the offer is answered, withdrawn or expires, and
 * the announcement is cleared once no offer is left.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { createChime, type Chime } from '../notify/chime.ts';
import { showOfferAlert } from '../notify/desktopNotification.ts';
import { queueLabel } from '../queueLabel.ts';
import type { PendingOffer } from '../stores/gadgetStore.ts';
import type { GadgetSettings } from '../stores/settings.ts';
import { shortcutLabel } from './useShortcuts.ts';

export function useOfferAlerts(
  offers: readonly PendingOffer[],
  settings: GadgetSettings,
  announce: (text: string, politeness: 'assertive') => void,
): void {
  const { t, i18n } = useTranslation('gadget');
  const chime = useRef<Chime | null>(null);
  const alerted = useRef(new Map<string, (() => void) | null>());

  useEffect(() => {
    chime.current = createChime();
    const shown = alerted.current;
    return () => {
      chime.current?.dispose();
      chime.current = null;
      for (const close of shown.values()) close?.();
      shown.clear();
    };
  }, []);

  useEffect(() => {
    const shown = alerted.current;
    const current = new Set(offers.map((pending) => pending.offer.chatId));
    let gone = false;
    for (const [chatId, close] of shown) {
      if (current.has(chatId)) continue;
      close?.();
      shown.delete(chatId);
      gone = true;
    }
    // With no offer left, "Press Alt+A to accept" is stale: empty the live region so a screen
    // reader that reads it again (browse mode) does not offer a chat that is gone.
    if (gone && offers.length === 0) announce('', 'assertive');
    for (const { offer } of offers) {
      if (shown.has(offer.chatId)) continue;
      const name = offer.customer.name;
      const queue = queueLabel(offer.queue, offer.queueLabel, i18n.language);
      const keys = shortcutLabel(t, ['alt'], 'A');
      announce(t('announce.offer', { name, queue, keys }), 'assertive');
      if (settings.sound) chime.current?.play();
      const close = settings.desktopAlerts
        ? showOfferAlert({
            title: t('offer.announce', { name }),
            body: t('offer.notificationBody', { name, queue }),
            tag: `hybrid-chat-offer-${offer.chatId}`,
          })
        : null;
      shown.set(offer.chatId, close);
    }
  }, [offers, settings.sound, settings.desktopAlerts, announce, t, i18n.language]);
}
