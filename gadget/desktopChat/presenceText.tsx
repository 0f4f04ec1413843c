/** How a presence reads and looks: a coloured dot (never the only cue) and its words. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability, CombinedPresence } from '../../sdk/desktop-chat/index.ts';

export function usePresenceText(): (presence: CombinedPresence) => string {
  const { t } = useTranslation('gadget');
  return useCallback(
    (presence: CombinedPresence) => {
      const state = t(`desktopChat.presence.${presence.availability}`);
      return presence.status && presence.availability !== 'offline'
        ? t('desktopChat.presence.withStatus', { state, status: presence.status })
        : state;
    },
    [t],
  );
}

export function PresenceDot({ availability }: { availability: Availability }) {
  return (
    <span className={`dc-dot dc-dot--${availability}`} aria-hidden="true" data-availability={availability} />
  );
}
