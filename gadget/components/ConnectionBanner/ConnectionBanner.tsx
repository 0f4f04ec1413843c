import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../../../sdk/index.ts';
import './ConnectionBanner.css';

/** A clear banner while the chat connection is down; nothing while it is fine. */
export function ConnectionBanner({ status }: { status: ConnectionStatus }) {
  const { t } = useTranslation('gadget');
  if (status !== 'reconnecting' && status !== 'offline') return null;
  return (
    <div
      className={`hc-banner hc-banner--${status}`}
      role="alert"
      data-testid="gadget.connection.banner"
      data-status={status}
    >
      <span className="ui-spinner" aria-hidden="true" />
      {status === 'reconnecting' ? t('connection.bannerReconnecting') : t('connection.bannerOffline')}
    </div>
  );
}
