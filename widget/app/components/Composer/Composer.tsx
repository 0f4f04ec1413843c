/** The customer's message box: Enter sends, Shift+Enter adds a line, typing is reported as it happens. */
import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../sdk/index.ts';
import './Composer.css';

export interface ComposerProps {
  onSend: (text: string) => void;
  /** `true` on each keystroke, `false` when the box is emptied. */
  onTyping?: (typing: boolean) => void;
  disabled?: boolean;
  autoFocus?: boolean;
}

const MAX_HEIGHT_PX = 120;

export function Composer({ onSend, onTyping, disabled = false, autoFocus = false }: ComposerProps) {
  const { t } = useTranslation('widget');
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const canSend = !disabled && text.trim().length > 0;

  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  const send = (): void => {
    if (!canSend) return;
    onSend(text.trim());
    setText('');
    area.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      className="w-composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        ref={area}
        className="w-composer__input"
        data-testid="widget.composer"
        rows={1}
        value={text}
        maxLength={LIMITS.messageText}
        disabled={disabled}
        // The panel was opened to write: put the cursor where the customer types.
        autoFocus={autoFocus}
        aria-label={t('composer.label')}
        placeholder={t('composer.placeholder')}
        onChange={(event) => {
          setText(event.target.value);
          onTyping?.(event.target.value.length > 0);
        }}
        onKeyDown={onKeyDown}
      />
      <button
        type="submit"
        className="w-composer__send"
        data-testid="widget.send"
        aria-label={t('composer.send')}
        title={t('composer.send')}
        disabled={!canSend}
      >
        <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
          <path fill="currentColor" d="M3.4 20.4 21 12 3.4 3.6l-.01 6.53L15 12 3.39 13.87z" />
        </svg>
      </button>
    </form>
  );
}
