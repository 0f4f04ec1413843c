/**
 * The message box: Enter sends the trimmed text, Shift+Enter adds a line, Enter that confirms an
 * IME composition does neither, and every keystroke is reported as typing. The box grows with the
 * text up to `--ui-composer-max-height`, then scrolls.
 */
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { LIMITS } from '../../sdk/index.ts';
import './Composer.css';

export interface ComposerProps {
  /** The box's accessible name. */
  label: string;
  placeholder: string;
  sendLabel: string;
  /** The app's button classes for Send. */
  sendClassName: string;
  /** Shown on Send instead of `sendLabel`, which then becomes its accessible name and tooltip. */
  sendIcon?: ReactNode;
  /** A line under the box that also describes it, given how many characters are left. */
  hint?: (remaining: number) => string;
  testIds: { input: string; send: string };
  onSend: (text: string) => void;
  /** On every keystroke: whether the box holds any text. */
  onTyping?: (typing: boolean) => void;
  disabled?: boolean;
  maxLength?: number;
  /** Put the cursor in the box when this becomes true, then call `onFocused`. */
  autoFocus?: boolean;
  onFocused?: () => void;
}

export function Composer({
  label,
  placeholder,
  sendLabel,
  sendClassName,
  sendIcon,
  hint,
  testIds,
  onSend,
  onTyping,
  disabled = false,
  maxLength = LIMITS.messageText,
  autoFocus = false,
  onFocused,
}: ComposerProps) {
  const [text, setText] = useState('');
  const area = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const canSend = !disabled && text.trim().length > 0;

  // Grow with the text; the stylesheet's max-height stops it after a few lines.
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
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
      className="ui-composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <textarea
        ref={area}
        className="ui-composer__input"
        data-testid={testIds.input}
        rows={1}
        value={text}
        maxLength={maxLength}
        disabled={disabled}
        aria-label={label}
        aria-describedby={hint ? hintId : undefined}
        placeholder={placeholder}
        onChange={(event) => {
          setText(event.target.value);
          onTyping?.(event.target.value.length > 0);
        }}
        onKeyDown={onKeyDown}
      />
      <button
        type="submit"
        className={sendClassName}
        data-testid={testIds.send}
        aria-label={sendIcon ? sendLabel : undefined}
        title={sendIcon ? sendLabel : undefined}
        disabled={!canSend}
      >
        {sendIcon ?? sendLabel}
      </button>
      {hint && (
        <p id={hintId} className="ui-composer__hint">
          {hint(maxLength - text.length)}
        </p>
      )}
    </form>
  );
}
