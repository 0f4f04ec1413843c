/**
 * The header button that opens the messages customers left, with a quiet count of open ones. A
 * disclosure (`aria-expanded`) like the other header tools; the count is part of its name.
 */
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import './LeftMessages.css';

export interface LeftMessagesButtonProps {
  count: number;
  open: boolean;
  panelId: string;
  buttonRef: RefObject<HTMLButtonElement | null>;
  onToggle: () => void;
}

// An envelope.
const ICON = 'M3 5h14a1 1 0 0 1 1 1v8a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Zm0 1.2 7 5 7-5';

export function LeftMessagesButton({ count, open, panelId, buttonRef, onToggle }: LeftMessagesButtonProps) {
  const { t } = useTranslation('gadget');
  const label = t('leftMessages.open', { count });
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`hc-iconbtn hc-leftmsg__toggle${open ? ' hc-iconbtn--on' : ''}`}
      data-testid="gadget.messages.toggle"
      aria-expanded={open}
      aria-controls={open ? panelId : undefined}
      aria-label={label}
      title={label}
      onClick={onToggle}
    >
      <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
        <path d={ICON} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
      </svg>
      {count > 0 && (
        <span className="hc-leftmsg__count" data-testid="gadget.messages.count" aria-hidden="true">
          {count > 99 ? '99+' : count}
        </span>
      )}
    </button>
  );
}
