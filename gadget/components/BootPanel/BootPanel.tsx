import { useTranslation } from 'react-i18next';
import { EmptyState } from '../EmptyState/EmptyState.tsx';

export type BootPhase =
  | { kind: 'signing-in' }
  | { kind: 'outside-finesse' }
  | {
      kind: 'error';
      reason: 'noServer' | 'unauthorized' | 'unreachable' | 'finesseUnavailable';
      detail?: string;
    };

/** What the gadget shows before it is signed in to the chat server. */
export function BootPanel({ phase, onRetry }: { phase: BootPhase; onRetry?: () => void }) {
  const { t } = useTranslation('gadget');
  if (phase.kind === 'signing-in') {
    return (
      <div className="hc-card hc-boot" role="status" data-testid="gadget.boot">
        <span className="ui-spinner" aria-hidden="true" />
        {t('boot.signingIn')}
      </div>
    );
  }
  if (phase.kind === 'outside-finesse') {
    return <EmptyState tone="idle" title={t('boot.outsideTitle')} body={t('boot.outsideBody')} />;
  }
  return (
    <div role="alert" data-testid="gadget.boot.error">
      <EmptyState tone="error" title={t('boot.errorTitle')} body={t(`boot.${phase.reason}`)}>
        {phase.detail && <p className="hc-boot__detail">{phase.detail}</p>}
        {onRetry && (
          <button
            type="button"
            className="hc-btn hc-btn--primary"
            data-testid="gadget.retry"
            onClick={onRetry}
          >
            {t('boot.retry')}
          </button>
        )}
      </EmptyState>
    </div>
  );
}
