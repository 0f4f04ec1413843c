/**
 * One dismissible line about something that just happened (a missed offer, a failed action), with
 * an optional way out (after a missed offer: "Ready for chat again"). Errors interrupt screen
 * readers (`alert`); everything else waits its turn (`status`).
 */
import { useTranslation } from 'react-i18next';
import type { Notice } from '../../stores/gadgetStore.ts';
import './NoticeBar.css';

export interface NoticeBarProps {
  notice: Notice;
  onDismiss: () => void;
  /** Runs the notice's action (`notice.action`); the bar shows no button without one. */
  onAction?: (action: NonNullable<Notice['action']>) => void;
  /** The action cannot run right now (e.g. a state change is on its way). */
  actionDisabled?: boolean;
}

export function NoticeBar({ notice, onDismiss, onAction, actionDisabled = false }: NoticeBarProps) {
  const { t } = useTranslation('gadget');
  const { action } = notice;
  return (
    <div
      className={`hc-notice hc-notice--${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-testid="gadget.notice"
      data-key={notice.key}
    >
      <span className="hc-notice__icon" aria-hidden="true">
        <svg viewBox="0 0 20 20" width="18" height="18">
          <circle cx="10" cy="10" r="8.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <path d="M10 9v5M10 6.2v.1" stroke="currentColor" strokeWidth="1.9" strokeLinecap="round" />
        </svg>
      </span>
      <span className="hc-notice__text">{t(`notice.${notice.key}`, { name: '', ...notice.values })}</span>
      {action && onAction && (
        <button
          type="button"
          className="hc-btn hc-btn--secondary hc-notice__action"
          data-testid="gadget.notice.action"
          disabled={actionDisabled}
          onClick={() => onAction(action)}
        >
          {t(`notice.${action}`)}
        </button>
      )}
      <button
        type="button"
        className="hc-notice__close"
        data-testid="gadget.notice.dismiss"
        aria-label={t('notice.dismiss')}
        onClick={onDismiss}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
