/**
 * Whispers in a chat: the switch that turns the reply box into an agent-only note, and the list of
 * those notes. The server never sends a whisper to the customer; the look (a dashed violet card,
 * "Agent-only note") makes sure the agent never mistakes one for a reply either. Text is rendered as
 * text, never as HTML.
 */
import { useTranslation } from 'react-i18next';
import type { Whisper } from '../../../sdk/index.ts';
import { formatTime } from '../../../ui/format.ts';
import './WhisperToggle.css';

export function WhisperToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  const { t } = useTranslation('gadget');
  return (
    <div className={`hc-whisper-toggle${on ? ' hc-whisper-toggle--on' : ''}`}>
      <button
        type="button"
        className="hc-btn hc-btn--secondary hc-whisper-toggle__button"
        aria-pressed={on}
        onClick={() => onChange(!on)}
        data-testid="gadget.whisper.toggle"
      >
        {t('whisper.toggle')}
      </button>
      {on && (
        <span className="hc-whisper-toggle__hint" role="status">
          {t('whisper.on')}
        </span>
      )}
    </div>
  );
}

export function WhisperList({ whispers, selfId }: { whispers: Whisper[]; selfId: string }) {
  const { t, i18n } = useTranslation('gadget');
  if (whispers.length === 0) return null;
  return (
    <section className="hc-whispers" aria-label={t('whisper.listLabel')} data-testid="gadget.whispers">
      <h3 className="hc-whispers__title">{t('whisper.listLabel')}</h3>
      <ol className="hc-whispers__list">
        {whispers.map((whisper) => (
          <li key={whisper.id} className="hc-whispers__item" data-testid="gadget.whisper">
            <span className="hc-whispers__meta">
              {t('whisper.by', {
                name: whisper.from.id === selfId ? t('messages.you') : whisper.from.name,
                time: formatTime(whisper.sentAt, i18n.language),
              })}
            </span>
            <span className="hc-whispers__text">{whisper.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
