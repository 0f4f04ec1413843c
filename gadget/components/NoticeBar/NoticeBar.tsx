import { useTranslation } from 'react-i18next';
import type { Notice } from '../../stores/gadgetStore.ts';
import './NoticeBar.css';

/** One dismissible line about something that just happened (a missed offer, a failed action). */
export function NoticeBar({ notice, onDismiss }: { notice: Notice; onDismiss: () => void }) {
  const { t } = useTranslation('gadget');
  return (
    <div
      className={`hc-notice hc-notice--${notice.tone}`}
      role={notice.tone === 'error' ? 'alert' : 'status'}
      data-testid="gadget.notice"
    >
      <span>{t(notice.key, { name: '', ...notice.values })}</span>
      <button type="button" className="hc-notice__close" aria-label={t('notice.dismiss')} onClick={onDismiss}>
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
          <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        </svg>
      </button>
    </div>
  );
}
