import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_UPGRADE_STALL_MS, type ConnectionStatus, type TransportName } from '../../../sdk/index.ts';
import './ConnectionBanner.css';

/**
 * A clear banner while the chat connection is down, or while no Finesse node answers (Finesse
 * failover: nothing is routed until one is back); nothing while all is fine. A calmer note when the
 * connection works but has stayed on HTTP long-polling (a reverse proxy that does not pass
 * the WebSocket upgrade), with what the administrator has to change.
 */
export function ConnectionBanner({
  status,
  finesseHalted,
  transport = null,
  pollingWarningMs = DEFAULT_UPGRADE_STALL_MS,
}: {
  status: ConnectionStatus;
  finesseHalted?: boolean;
  /** The chat client's transport; `polling` for `pollingWarningMs` while online shows the note. */
  transport?: TransportName | null;
  pollingWarningMs?: number;
}) {
  const { t } = useTranslation('gadget');
  const stayedOnPolling = useStayedOnPolling(
    status === 'online' && transport === 'polling',
    pollingWarningMs,
  );
  const polling = stayedOnPolling ? <PollingWarning /> : null;
  if (finesseHalted && status === 'online') {
    return (
      <>
        <div className="hc-banner hc-banner--offline" role="alert" data-testid="gadget.finesse.halted">
          {t('connection.bannerFinesseHalted')}
        </div>
        {polling}
      </>
    );
  }
  if (status !== 'reconnecting' && status !== 'offline') return polling;
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

/** True once `onPolling` has held for `delayMs`; false again as soon as it stops (the upgrade came). */
function useStayedOnPolling(onPolling: boolean, delayMs: number): boolean {
  const [stayed, setStayed] = useState(false);
  useEffect(() => {
    if (!onPolling) return;
    const timer = setTimeout(() => setStayed(true), delayMs);
    return () => {
      clearTimeout(timer);
      setStayed(false);
    };
  }, [onPolling, delayMs]);
  return onPolling && stayed;
}

// Protocol and configuration text: the same in every language, so not translated.
const UPGRADE_HEADERS = ['Upgrade: websocket', 'Connection: upgrade'];
const NGINX_UPGRADE = [
  'proxy_http_version 1.1;',
  'proxy_set_header Upgrade $http_upgrade;',
  'proxy_set_header Connection "upgrade";',
].join('\n');

function PollingWarning() {
  const { t } = useTranslation('gadget');
  return (
    <div className="hc-banner hc-banner--polling" role="status" data-testid="polling-warning">
      <p className="hc-banner__text">{t('connection.pollingWarning')}</p>
      <details className="hc-banner__details">
        <summary>{t('connection.pollingDetails')}</summary>
        <p>{t('connection.pollingCause')}</p>
        <ul>
          {UPGRADE_HEADERS.map((header) => (
            <li key={header}>
              <code>{header}</code>
            </li>
          ))}
        </ul>
        <p>{t('connection.pollingNginx')}</p>
        <pre>
          <code>{NGINX_UPGRADE}</code>
        </pre>
      </details>
    </div>
  );
}
