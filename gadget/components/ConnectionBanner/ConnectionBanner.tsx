import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../../../sdk/index.ts';
import './ConnectionBanner.css';

/**
 * A clear banner while the chat connection is down, or while no Finesse node answers (seed 002
 * failover: nothing is routed until one is back); nothing while all is fine.
 */
export function ConnectionBanner({
  status,
  finesseHalted,
}: {
  status: ConnectionStatus;
  finesseHalted?: boolean;
}) {
  const { t } = useTranslation('gadget');
  if (finesseHalted && status === 'online') {
    return (
      <div className="hc-banner hc-banner--offline" role="alert" data-testid="gadget.finesse.halted">
        {t('connection.bannerFinesseHalted')}
      </div>
    );
  }
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
