/**
 * The bars above the contact list: colleagues asking to see our presence (RFC 6121 section 3.1.3),
 * each with Accept and Decline, and the toolbar of a multi-selection (Move, Delete, Clear).
 */
import { useTranslation } from 'react-i18next';

export function SubscriptionRequests({
  requests,
  nameOf,
  onAnswer,
}: {
  requests: readonly string[];
  nameOf: (jid: string) => string;
  onAnswer: (jid: string, approve: boolean) => void;
}) {
  const { t } = useTranslation('gadget');
  if (requests.length === 0) return null;
  return (
    <ul className="dc-requests" aria-label={t('desktopChat.requests.label')} data-testid="dc.requests">
      {requests.map((jid) => (
        <li key={jid} className="dc-requests__item" data-testid="dc.request" data-jid={jid}>
          <span>{t('desktopChat.requests.text', { name: nameOf(jid) })}</span>
          <button
            type="button"
            className="hc-btn hc-btn--primary dc-btn--small"
            data-testid="dc.request.accept"
            onClick={() => onAnswer(jid, true)}
          >
            {t('desktopChat.requests.accept')}
          </button>
          <button
            type="button"
            className="hc-btn hc-btn--secondary dc-btn--small"
            data-testid="dc.request.decline"
            onClick={() => onAnswer(jid, false)}
          >
            {t('desktopChat.requests.decline')}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function SelectionToolbar({
  count,
  onMove,
  onDelete,
  onClear,
}: {
  count: number;
  onMove: () => void;
  onDelete: () => void;
  onClear: () => void;
}) {
  const { t } = useTranslation('gadget');
  if (count === 0) return null;
  const label = t('desktopChat.contacts.selected', { count });
  return (
    <div className="dc-selection" role="toolbar" aria-label={label} data-testid="dc.selection">
      <span>{label}</span>
      <button
        type="button"
        className="hc-btn hc-btn--secondary dc-btn--small"
        data-testid="dc.selection.move"
        onClick={onMove}
      >
        {t('desktopChat.contacts.move')}
      </button>
      <button
        type="button"
        className="hc-btn hc-btn--secondary dc-btn--small"
        data-testid="dc.selection.delete"
        onClick={onDelete}
      >
        {t('desktopChat.contacts.delete')}
      </button>
      <button type="button" className="hc-btn hc-btn--secondary dc-btn--small" onClick={onClear}>
        {t('desktopChat.contacts.clear')}
      </button>
    </div>
  );
}
