/**
 * The header's Desktop Chat button: opens and closes the panel (a disclosure), shows how many
 * messages are unread, and blinks in Do Not Disturb when a message waits unseen. Without motion
 * (`prefers-reduced-motion`) it shows a steady ring and a dot instead of blinking; the count and the
 * accessible name say it in words either way.
 */
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';

export interface DesktopChatButtonProps {
  open: boolean;
  unread: number;
  blink: boolean;
  dnd: boolean;
  panelId: string;
  buttonRef: RefObject<HTMLButtonElement | null>;
  onToggle: () => void;
}

export function DesktopChatButton({
  open,
  unread,
  blink,
  dnd,
  panelId,
  buttonRef,
  onToggle,
}: DesktopChatButtonProps) {
  const { t } = useTranslation('gadget');
  const label =
    unread > 0
      ? t('desktopChat.buttonUnread', { count: unread })
      : dnd
        ? t('desktopChat.buttonDnd')
        : t('desktopChat.button');
  return (
    <button
      ref={buttonRef}
      type="button"
      className={`hc-iconbtn dc-button${open ? ' hc-iconbtn--on' : ''}${blink ? ' dc-button--blink' : ''}`}
      data-testid="dc.button"
      data-unread={unread}
      data-blink={blink}
      aria-expanded={open}
      aria-controls={open ? panelId : undefined}
      aria-label={label}
      title={label}
      onClick={onToggle}
    >
      <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
        <path
          fill="none"
          stroke="currentColor"
          strokeWidth="1.4"
          strokeLinejoin="round"
          d="M3 4.5h9a1.5 1.5 0 0 1 1.5 1.5v5a1.5 1.5 0 0 1-1.5 1.5H7.5L4.5 15v-2.5H3A1.5 1.5 0 0 1 1.5 11V6A1.5 1.5 0 0 1 3 4.5Zm12 3h2A1.5 1.5 0 0 1 18.5 9v4.5A1.5 1.5 0 0 1 17 15h-.5v2.5l-3-2.5h-3"
        />
      </svg>
      {unread > 0 && (
        <span className="dc-button__count" aria-hidden="true" data-testid="dc.button.count">
          {unread > 99 ? '99+' : unread}
        </span>
      )}
      {blink && <span className="dc-button__dot" aria-hidden="true" />}
    </button>
  );
}
