/**
 * Our own Desktop Chat presence: Available, Away or Do Not Disturb with an optional status message
 * (sent on Enter or when the field is left), and Sign out, which signs out of Desktop Chat only.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Availability, CombinedPresence } from '../../sdk/desktop-chat/index.ts';
import { PresenceDot } from './presenceText.tsx';

export type Choice = Exclude<Availability, 'offline'>;
const CHOICES: readonly Choice[] = ['available', 'away', 'dnd'];

export interface PresenceBarProps {
  own: CombinedPresence;
  user: string;
  onChange: (availability: Choice, status: string | undefined) => void;
  onSignOut: () => void;
}

export function PresenceBar({ own, user, onChange, onSignOut }: PresenceBarProps) {
  const { t } = useTranslation('gadget');
  const ids = { select: useId(), text: useId(), hint: useId() };
  const availability: Choice = own.availability === 'offline' ? 'available' : own.availability;
  const [text, setText] = useState(own.status ?? '');
  const commit = () => {
    if (text.trim() !== (own.status ?? '')) onChange(availability, text.trim() || undefined);
  };

  return (
    <div className="dc-presence" data-testid="dc.presence">
      <PresenceDot availability={own.availability} />
      <label className="ui-sr-only" htmlFor={ids.select}>
        {t('desktopChat.presence.label')}
      </label>
      <select
        id={ids.select}
        className="dc-input dc-presence__select"
        data-testid="dc.presence.select"
        value={availability}
        title={user}
        onChange={(event) => onChange(event.currentTarget.value as Choice, text.trim() || undefined)}
      >
        {CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {t(`desktopChat.presence.${choice}`)}
          </option>
        ))}
      </select>
      <label className="ui-sr-only" htmlFor={ids.text}>
        {t('desktopChat.presence.statusText')}
      </label>
      <input
        id={ids.text}
        className="dc-input dc-presence__text"
        data-testid="dc.presence.text"
        placeholder={t('desktopChat.presence.statusPlaceholder')}
        maxLength={200}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
        }}
      />
      <button
        type="button"
        className="hc-btn hc-btn--secondary dc-presence__signout"
        data-testid="dc.signOut"
        aria-describedby={ids.hint}
        onClick={onSignOut}
      >
        {t('desktopChat.presence.signOut')}
      </button>
      <span id={ids.hint} className="ui-sr-only">
        {t('desktopChat.presence.signOutHint')}
      </span>
    </div>
  );
}
