/**
 * The message box: Enter sends the trimmed text, Shift+Enter adds a line, Enter that confirms an
 * IME composition does neither, and every keystroke is reported as typing. The box grows with the
 * text up to `--ui-composer-max-height`, then scrolls. Optional tools before it: an emoji picker
 * that inserts at the caret, and an attach button; files pasted into the box are attached too.
 * The text may be kept outside (`value`, a saved draft), and a completion (`assist`) may sit on it.
 *
 * Nothing typed or pasted is cut off: text longer than `maxLength` (the server's limit per
 * message) is sent whole, as several messages in order (`splitMessageText`), and `hint` learns how
 * many it will be.
 */
import {
  useEffect,
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
  type TextareaHTMLAttributes,
} from 'react';
import { LIMITS, splitMessageText } from '../../sdk/index.ts';
import { EmojiPicker } from '../EmojiPicker/EmojiPicker.tsx';
import { hasEmoji, spellEmoji } from '../EmojiPicker/emojiText.ts';
import './Composer.css';

export interface ComposerAttach {
  /** The button's accessible name and tooltip. */
  label: string;
  /** The file chooser's hint (`FILE_ACCEPT`); the server decides what it takes. */
  accept?: string;
  onFiles: (files: File[]) => void;
  testIds?: { button: string; input: string };
}

const clipIcon = (
  <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
    <path
      fill="currentColor"
      d="M16.5 6.5v10.1a4.5 4.5 0 0 1-9 0V5.8a3 3 0 0 1 6 0v9.9a1.5 1.5 0 0 1-3 0V6.5H9v9.2a3 3 0 0 0 6 0V5.8a4.5 4.5 0 0 0-9 0v10.8a6 6 0 0 0 12 0V6.5h-1.5Z"
    />
  </svg>
);

/**
 * A completion on the box (the gadget's `/shortcode` list), which controls its listbox. It sees
 * every key first and where the caret is after every edit; its list is shown above the box.
 */
export interface ComposerAssist {
  inputProps: Pick<
    TextareaHTMLAttributes<HTMLTextAreaElement>,
    'aria-controls' | 'aria-activedescendant' | 'aria-autocomplete'
  >;
  /** True: the key was the completion's (the composer does nothing more with it). */
  onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  onCaret: (text: string, caret: number) => void;
  onBlur?: () => void;
  popup: ReactNode;
}

export interface ComposerProps {
  /** The box's accessible name. */
  label: string;
  placeholder: string;
  sendLabel: string;
  /** The app's button classes for Send. */
  sendClassName: string;
  /** Shown on Send instead of `sendLabel`, which then becomes its accessible name and tooltip. */
  sendIcon?: ReactNode;
  /**
   * A line under the box that also describes it, given how many characters are left in this
   * message and how many messages the text will be sent as (more than one past `maxLength`).
   * Nothing is shown for an empty string.
   */
  hint?: (remaining: number, parts: number) => string;
  testIds: { input: string; send: string; preview?: string };
  /** Once per message, in order: a text past `maxLength` comes as several. */
  onSend: (text: string) => void;
  /** On every keystroke: whether the box holds any text. */
  onTyping?: (typing: boolean) => void;
  disabled?: boolean;
  /** The longest single message; longer text is split, never cut (default `LIMITS.messageText`). */
  maxLength?: number;
  /** Put the cursor in the box when this becomes true, then call `onFocused`. */
  autoFocus?: boolean;
  onFocused?: () => void;
  /** Attaching files (button and paste); without it neither is offered. */
  attach?: ComposerAttach;
  /** The emoji button's name; without it there is no emoji picker. */
  emojiLabel?: string;
  emojiTestIds?: { button: string; panel: string };
  /** What the emoji button shows instead of the 🙂 emoji (EmojiPicker `icon`). */
  emojiIcon?: ReactNode;
  /**
   * The picker shows short names, not pictures (EmojiPicker `textFallback`); with
   * `emojiPreviewLabel`, a line under the box also spells out the emoji in the text by their short
   * names, since the box itself may draw them as empty boxes. What is sent keeps the emoji.
   */
  emojiTextFallback?: boolean;
  /** The preview line's lead-in ("With emoji names:"); without it there is no preview line. */
  emojiPreviewLabel?: string;
  /** The text, when kept outside (a saved draft); `onValueChange` then gets every change. */
  value?: string;
  onValueChange?: (text: string) => void;
  /** Also set to the box (for a completion that moves the caret). */
  inputRef?: RefObject<HTMLTextAreaElement | null>;
  assist?: ComposerAssist;
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
  attach,
  emojiLabel,
  emojiTestIds,
  emojiIcon,
  emojiTextFallback,
  emojiPreviewLabel,
  value,
  onValueChange,
  inputRef,
  assist,
}: ComposerProps) {
  const [ownText, setOwnText] = useState('');
  const text = value ?? ownText;
  const setText = (next: string): void => {
    if (value === undefined) setOwnText(next);
    onValueChange?.(next);
  };
  const area = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  /** Where the caret goes after an emoji was inserted (set on the next render). */
  const caret = useRef<number | null>(null);
  const hintId = useId();
  const canSend = !disabled && text.trim().length > 0;
  const tools = Boolean(attach) || Boolean(emojiLabel);
  const parts = text.length > maxLength ? splitMessageText(text, maxLength).length : 1;
  const hintText = hint?.(maxLength - Math.min(text.length, maxLength), parts) ?? '';
  const preview = emojiTextFallback && emojiPreviewLabel && hasEmoji(text) ? spellEmoji(text) : null;

  // Grow with the text; the stylesheet's max-height stops it after a few lines.
  useLayoutEffect(() => {
    const el = area.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
    if (caret.current !== null) {
      el.focus();
      el.setSelectionRange(caret.current, caret.current);
      caret.current = null;
    }
  }, [text]);

  const insert = (emoji: string): void => {
    const el = area.current;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + emoji + text.slice(end);
    caret.current = start + emoji.length;
    setText(next);
    onTyping?.(true);
  };

  useEffect(() => {
    if (!autoFocus) return;
    area.current?.focus();
    onFocused?.();
  }, [autoFocus, onFocused]);

  const send = (): void => {
    if (!canSend) return;
    for (const part of splitMessageText(text, maxLength)) onSend(part);
    setText('');
    area.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (assist?.onKeyDown(event)) return;
    // isComposing: Enter confirms an IME composition (Japanese, Chinese…) and must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  return (
    <form
      className={`ui-composer${tools ? ' ui-composer--tools' : ''}`}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {tools && (
        <div className="ui-composer__tools">
          {emojiLabel && (
            <EmojiPicker
              label={emojiLabel}
              buttonClassName="ui-composer__tool"
              disabled={disabled}
              testIds={emojiTestIds}
              icon={emojiIcon}
              textFallback={emojiTextFallback}
              onPick={insert}
            />
          )}
          {attach && (
            <>
              <button
                type="button"
                className="ui-composer__tool"
                aria-label={attach.label}
                title={attach.label}
                disabled={disabled}
                data-testid={attach.testIds?.button}
                onClick={() => picker.current?.click()}
              >
                {clipIcon}
              </button>
              <input
                ref={picker}
                type="file"
                multiple
                hidden
                tabIndex={-1}
                accept={attach.accept}
                data-testid={attach.testIds?.input}
                onChange={(event) => {
                  const files = [...(event.target.files ?? [])];
                  // Cleared, so that choosing the same file again (after a refusal) fires again.
                  event.target.value = '';
                  if (files.length > 0) attach.onFiles(files);
                }}
              />
            </>
          )}
        </div>
      )}
      {assist?.popup}
      <textarea
        ref={(element) => {
          area.current = element;
          if (inputRef) inputRef.current = element;
        }}
        {...assist?.inputProps}
        className="ui-composer__input"
        data-testid={testIds.input}
        rows={1}
        value={text}
        disabled={disabled}
        aria-label={label}
        aria-describedby={hintText ? hintId : undefined}
        placeholder={placeholder}
        onChange={(event) => {
          setText(event.target.value);
          onTyping?.(event.target.value.length > 0);
          assist?.onCaret(event.target.value, event.target.selectionStart);
        }}
        onSelect={
          assist && ((event) => assist.onCaret(event.currentTarget.value, event.currentTarget.selectionStart))
        }
        onBlur={assist?.onBlur}
        onKeyDown={onKeyDown}
        onPaste={(event) => {
          const files = [...event.clipboardData.files];
          if (!attach || files.length === 0) return;
          // A pasted screenshot or file is sent as an attachment, not as text.
          event.preventDefault();
          attach.onFiles(files);
        }}
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
      {preview !== null && (
        // For the eye only: a screen reader already says the emoji in the box by name.
        <p className="ui-composer__preview" aria-hidden="true" data-testid={testIds.preview}>
          <span className="ui-composer__preview-label">{emojiPreviewLabel}</span> {preview}
        </p>
      )}
      {hintText && (
        <p id={hintId} className="ui-composer__hint">
          {hintText}
        </p>
      )}
    </form>
  );
}
