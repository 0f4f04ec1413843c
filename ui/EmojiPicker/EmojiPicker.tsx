/**
 * A small curated emoji picker for the message box: a button that opens a grid of emoji buttons.
 * Keyboard: the arrow keys, Home and End move through the grid (one tab stop), Enter or Space picks,
 * Escape closes and returns to the button; a pick or a click outside closes it too. The emoji are
 * the buttons' own text: screen readers say their names in the reader's language, so no labels
 * need translating.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './EmojiPicker.css';

/** What people write in a support chat; 32 = 4 rows of 8. */
export const EMOJI = [
  '😀', '😊', '🙂', '😂', '😉', '😍', '🤔', '😅',
  '😢', '😮', '😕', '😡', '👍', '👎', '👏', '🙏',
  '👋', '🙌', '💪', '🤝', '👀', '🎉', '❤️', '⭐',
  '✅', '❌', '🔥', '💡', '📎', '📞', '✉️', '☕',
] as const; // prettier-ignore

/**
 * Short names for the emoji, in the style of the `:shortcode:` names chat tools use: what the
 * picker shows instead of the pictures where the system has no colour emoji font (they would be
 * empty boxes there). The pick still inserts the emoji itself.
 */
export const EMOJI_SHORTCODES: Readonly<Record<(typeof EMOJI)[number], string>> = {
  '😀': ':grinning:', '😊': ':blush:', '🙂': ':slight_smile:', '😂': ':joy:',
  '😉': ':wink:', '😍': ':heart_eyes:', '🤔': ':thinking:', '😅': ':sweat_smile:',
  '😢': ':cry:', '😮': ':open_mouth:', '😕': ':confused:', '😡': ':rage:',
  '👍': ':+1:', '👎': ':-1:', '👏': ':clap:', '🙏': ':pray:',
  '👋': ':wave:', '🙌': ':raised_hands:', '💪': ':muscle:', '🤝': ':handshake:',
  '👀': ':eyes:', '🎉': ':tada:', '❤️': ':heart:', '⭐': ':star:',
  '✅': ':check:', '❌': ':x:', '🔥': ':fire:', '💡': ':bulb:',
  '📎': ':paperclip:', '📞': ':phone:', '✉️': ':email:', '☕': ':coffee:',
}; // prettier-ignore

const COLUMNS = 8;
/** Columns when the panel shows short names, which are wider than a picture. */
const TEXT_COLUMNS = 4;

export interface EmojiPickerProps {
  /** The button's accessible name and tooltip, and the panel's name. */
  label: string;
  buttonClassName?: string;
  disabled?: boolean;
  testIds?: { button: string; panel: string };
  /** What the button shows (default: the 🙂 emoji); e.g. an SVG where emoji may not render. */
  icon?: ReactNode;
  /** Show the emoji's short names instead of their pictures (no colour emoji font on this system). */
  textFallback?: boolean;
  onPick(emoji: string): void;
}

export function EmojiPicker({
  label,
  buttonClassName,
  disabled = false,
  testIds,
  icon,
  textFallback = false,
  onPick,
}: EmojiPickerProps) {
  const columns = textFallback ? TEXT_COLUMNS : COLUMNS;
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const cells = useRef<Array<HTMLButtonElement | null>>([]);

  // Focus follows the active cell while open.
  useEffect(() => {
    if (open) cells.current[active]?.focus();
  }, [open, active]);

  // A press anywhere else closes it.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent): void => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (refocus: boolean): void => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const last = EMOJI.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: active + 1,
      ArrowLeft: active - 1,
      ArrowDown: active + columns,
      ArrowUp: active - columns,
      Home: 0,
      End: last,
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      // Escape here must not also minimise the widget or close a dialog around us.
      event.stopPropagation();
      close(true);
      return;
    }
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    // In right-to-left text the grid runs from the right: left and right swap meaning.
    const rtl = root.current ? getComputedStyle(root.current).direction === 'rtl' : false;
    const next =
      rtl && (event.key === 'ArrowRight' || event.key === 'ArrowLeft') ? 2 * active - target : target;
    setActive(Math.min(last, Math.max(0, next)));
  };

  return (
    <div ref={root} className="ui-emoji">
      <button
        ref={button}
        type="button"
        className={buttonClassName ?? 'ui-emoji__button'}
        aria-label={label}
        title={label}
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        disabled={disabled}
        data-testid={testIds?.button}
        onClick={() => setOpen((was) => !was)}
      >
        {icon ?? <span aria-hidden="true">🙂</span>}
      </button>
      {open && (
        <div
          id={panelId}
          className={textFallback ? 'ui-emoji__panel ui-emoji__panel--text' : 'ui-emoji__panel'}
          role="dialog"
          aria-label={label}
          data-testid={testIds?.panel}
          onKeyDown={onKeyDown}
        >
          {EMOJI.map((emoji, index) => (
            <button
              key={emoji}
              ref={(el) => {
                cells.current[index] = el;
              }}
              type="button"
              className="ui-emoji__cell"
              tabIndex={index === active ? 0 : -1}
              // Named by the emoji itself, which screen readers say in the reader's language.
              aria-label={textFallback ? emoji : undefined}
              onClick={() => {
                onPick(emoji);
                close(false);
              }}
            >
              {textFallback ? EMOJI_SHORTCODES[emoji] : emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
