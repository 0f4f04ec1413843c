import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../../../sdk/index.ts';
import type { ReactNode } from 'react';
import './Header.css';

export interface HeaderProps {
  /** The id of the gadget's (visually hidden) title, which names the gadget's region. */
  titleId: string;
  agentName: string;
  connection: ConnectionStatus;
  children: ReactNode;
}

/** A title for screen readers, a quiet connection dot, who is signed in, and the availability control (children). */
export function Header({ titleId, agentName, connection, children }: HeaderProps) {
  const { t } = useTranslation('gadget');
  return (
    <header className="hc-header hc-card">
      <div className="hc-header__brand">
        <span className="hc-header__logo" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="18" height="18">
            <path
              fill="currentColor"
              d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-4.6 3.5A.9.9 0 0 1 3 20.8V6a2 2 0 0 1 1-2Zm3 5.5a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5Zm5 0a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5Zm5 0a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5Z"
            />
          </svg>
        </span>
        <div>
          <div className="hc-header__titleRow">
            {/* The desktop already shows the gadget's title above it: here only for screen readers. */}
            <h1 className="ui-sr-only" id={titleId}>
              {t('app.title')}
            </h1>
            <p className="hc-header__agent">{t('header.signedInAs', { name: agentName })}</p>
            <span
              className={`hc-conn hc-conn--${connection}`}
              data-testid="gadget.connection"
              data-status={connection}
              role="status"
              title={t(`connection.${connection}`)}
            >
              <span className="ui-sr-only">{t(`connection.${connection}`)}</span>
            </span>
          </div>
        </div>
      </div>
      <div className="hc-header__controls">{children}</div>
    </header>
  );
}
