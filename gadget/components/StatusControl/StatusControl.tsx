/**
 * The agent's chat availability as a two-option segmented control (native radios, so arrow keys and
 * screen readers work as usual), plus the effective state the server computed from it (ACTIVE, BUSY
 * and INTERRUPTED depend on open chats, wrap-ups and voice calls, docs/requirements.md). Wrap-ups are shown beside
 * the chat count, since they keep the state ACTIVE or BUSY with fewer live chats than it suggests.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentStatus } from '../../../sdk/index.ts';
import './StatusControl.css';

export interface StatusControlProps {
  status: AgentStatus | null;
  /** A change asked for and not yet confirmed. */
  pending: 'READY' | 'NOT_READY' | null;
  disabled: boolean;
  onChange: (state: 'READY' | 'NOT_READY') => void;
}

const OPTIONS = [
  { value: 'READY', key: 'state.ready', testId: 'gadget.ready' },
  { value: 'NOT_READY', key: 'state.notReady', testId: 'gadget.notReady' },
] as const;

export function StatusControl({ status, pending, disabled, onChange }: StatusControlProps) {
  const { t } = useTranslation('gadget');
  const name = useId();
  const chosen = pending ?? status?.requested ?? null;
  // Older servers do not send `wrapUps`.
  const wrapUps = status?.wrapUps ?? 0;

  // The Ready/Not ready switch already says READY and NOT_READY; the badge only adds what it cannot
  // say: the state the server worked out from open chats, wrap-ups and calls, and the chat counts.
  const counts = status !== null && (status.activeChats > 0 || wrapUps > 0 || status.state === 'BUSY');
  const showBadge = status !== null && (counts || status.state !== chosen);

  return (
    <div className="hc-status" data-testid="gadget.status" data-state={status?.state ?? ''}>
      {showBadge && (
        <p
          className={`hc-status__badge hc-status__badge--${status.state}`}
          data-testid="gadget.status.badge"
          title={t('state.chatsLong', { active: status.activeChats, max: status.maxChats })}
        >
          <span className="ui-sr-only">{t('state.current')}: </span>
          <span className="hc-status__dot" aria-hidden="true" />
          {t(`state.${status.state}`)}
          {counts && (
            <span className="hc-status__count">
              {t('state.chats', { active: status.activeChats, max: status.maxChats })}
            </span>
          )}
          {wrapUps > 0 && (
            <span className="hc-status__count" data-testid="gadget.status.wrapUps">
              {t('state.wrapUps', { count: wrapUps })}
            </span>
          )}
        </p>
      )}
      <fieldset className="hc-segmented" disabled={disabled || status === null} aria-busy={pending !== null}>
        <legend className="ui-sr-only">{t('state.label')}</legend>
        {OPTIONS.map((option) => (
          <label
            key={option.value}
            className={`hc-segmented__option hc-segmented__option--${option.value}`}
            data-testid={option.testId}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={chosen === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{t(option.key)}</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
