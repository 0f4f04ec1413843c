/**
 * The reply box: Enter sends, Shift+Enter adds a line, every keystroke tells the chat client the
 * agent is typing (the client throttles and stops it by itself).
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../sdk/index.ts';
import './Composer.css';

export interface ComposerProps {
  peerName: string;
  onSend: (text: string) => void;
  onTyping?: () => void;
  disabled?: boolean;
  maxLength?: number;
  autoFocus?: boolean;
  onFocused?: () => void;
}

const MAX_ROWS_PX = 140;

export function Composer({
  peerName,
  onSend,
  onTyping,
  disabled = false,
  maxLength = LIMITS.messageText,
  autoFocus = false,
  onFocused,
}: ComposerProps) {
  const { t } = useTranslation('gadget');
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const remaining = maxLength - text.length;
  const canSend = !disabled && text.trim().length > 0;

  // Grow with the text up to a few lines, then scroll.
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, MAX_ROWS_PX)}px`;
  }, [text]);

  useEffect(() => {
    if (!autoFocus) return;
    area.current?.focus();
    onFocused?.();
  }, [autoFocus, onFocused]);

  const send = (): void => {
    if (!canSend) return;
    onSend(text.trim());
    setText('');
    area.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    // isComposing: Enter confirms an IME composition (Japanese, Chinese…) and must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      className="hc-composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        ref={area}
        className="hc-composer__input"
        data-testid="gadget.composer"
        rows={1}
        value={text}
        maxLength={maxLength}
        disabled={disabled}
        aria-label={t('composer.label', { name: peerName })}
        aria-describedby={hintId}
        placeholder={t('composer.placeholder')}
        onChange={(event) => {
          setText(event.target.value);
          onTyping?.();
        }}
        onKeyDown={onKeyDown}
      />
      <div className="hc-composer__side">
        <button
          type="submit"
          className="hc-btn hc-btn--primary"
          data-testid="gadget.send"
          disabled={!canSend}
        >
          {t('composer.send')}
        </button>
      </div>
      <p id={hintId} className="hc-composer__hint">
        {remaining < 200 ? t('composer.remaining', { count: remaining }) : t('composer.hint')}
      </p>
    </form>
  );
}
