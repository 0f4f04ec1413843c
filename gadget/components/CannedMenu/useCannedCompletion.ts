/**
 * `/shortcode` completion in the reply box (like Chatwoot's canned responses): a `/` at the
 * start of the text or after a space, followed by letters of a shortcode, opens a list of the
 * matching canned messages, as a listbox the box controls: ↑/↓ move (`aria-activedescendant`),
 * Enter or Tab insert the highlighted one with its placeholders filled in, Escape closes the list
 * for this token. The box keeps its textbox role with `aria-autocomplete="list"`: HTML allows no
 * `combobox` role on a textarea (axe: aria-allowed-role), and a reply box must stay multi-line.
 * Returns the composer's `assist`.
 */
import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import type { CannedMessage } from '../../../sdk/index.ts';
import type { ComposerAssist } from '../../../ui/Composer/Composer.tsx';
import { fillPlaceholders } from '../../../sdk/index.ts';

/** The `/token` right before the caret, or null. */
export function shortcodeAt(text: string, caret: number): { start: number; query: string } | null {
  const match = /(?:^|\s)\/([a-z0-9_-]{0,32})$/i.exec(text.slice(0, caret));
  if (!match) return null;
  const query = match[1] ?? '';
  return { start: caret - query.length - 1, query: query.toLowerCase() };
}

/** Shortcodes starting with the query first, then those whose shortcode or a title (any language) contain it. */
export function matchCanned(messages: CannedMessage[], query: string, max = 8): CannedMessage[] {
  const starts = messages.filter((m) => m.shortcode.startsWith(query));
  const contains = messages.filter(
    (m) =>
      !starts.includes(m) &&
      (m.shortcode.includes(query) ||
        [m.title, ...Object.values(m.titles ?? {})].some((title) => title.toLowerCase().includes(query))),
  );
  return [...starts, ...contains].slice(0, max);
}

export interface CannedCompletionOptions {
  /** Already narrowed to the chat's queue. */
  messages: CannedMessage[];
  text: string;
  setText: (text: string) => void;
  values: { customerName: string; agentName: string };
  inputRef: RefObject<HTMLTextAreaElement | null>;
  listId: string;
  /** After inserting: for the typing indicator and announcements. */
  onInserted?: (message: CannedMessage) => void;
}

export interface CannedCompletion {
  open: boolean;
  options: CannedMessage[];
  active: number;
  optionId: (index: number) => string;
  choose: (index: number) => void;
  setActive: (index: number) => void;
  assist: Omit<ComposerAssist, 'popup'>;
}

export function useCannedCompletion({
  messages,
  text,
  setText,
  values,
  inputRef,
  listId,
  onInserted,
}: CannedCompletionOptions): CannedCompletion {
  const [caret, setCaret] = useState<number | null>(null);
  const [activeIndex, setActive] = useState(0);
  /** The token position the agent closed with Escape (or left): stays closed until it changes. */
  const [dismissed, setDismissed] = useState<string | null>(null);
  const nextCaret = useRef<number | null>(null);

  const token = caret === null ? null : shortcodeAt(text, Math.min(caret, text.length));
  const query = token?.query ?? null;
  const options = useMemo(() => (query === null ? [] : matchCanned(messages, query)), [messages, query]);
  const tokenKey = token ? `${token.start}:${token.query}` : null;
  const open = token !== null && options.length > 0 && dismissed !== tokenKey;
  const active = Math.min(activeIndex, Math.max(0, options.length - 1));
  const optionId = (index: number): string => `${listId}-option-${index}`;

  // After an insert, the caret goes to the end of the inserted text (once React has set the value).
  useLayoutEffect(() => {
    const el = inputRef.current;
    if (nextCaret.current === null || !el) return;
    el.focus();
    el.setSelectionRange(nextCaret.current, nextCaret.current);
    setCaret(nextCaret.current);
    nextCaret.current = null;
  }, [text, inputRef]);

  const choose = (index: number): void => {
    const message = options[index];
    if (!token || caret === null || !message) return;
    const filled = fillPlaceholders(message.text, values);
    const end = Math.min(caret, text.length);
    nextCaret.current = token.start + filled.length;
    setText(text.slice(0, token.start) + filled + text.slice(end));
    setActive(0);
    onInserted?.(message);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    const move = (to: number): true => {
      event.preventDefault();
      setActive((to + options.length) % options.length);
      return true;
    };
    switch (event.key) {
      case 'ArrowDown':
        return move(active + 1);
      case 'ArrowUp':
        return move(active - 1);
      case 'Enter':
      case 'Tab':
        if (event.shiftKey) return false;
        event.preventDefault();
        choose(active);
        return true;
      case 'Escape':
        // Only the list closes: a dialog or panel around the chat must not see this Escape.
        event.preventDefault();
        event.stopPropagation();
        setDismissed(tokenKey);
        return true;
      default:
        return false;
    }
  };

  return {
    open,
    options,
    active,
    optionId,
    choose,
    setActive,
    assist: {
      inputProps: {
        'aria-autocomplete': 'list',
        'aria-controls': open ? listId : undefined,
        'aria-activedescendant': open ? optionId(active) : undefined,
      },
      onKeyDown,
      onCaret: (value, position) => {
        setCaret(position);
        const next = shortcodeAt(value, position);
        // A new token (another place, or the agent typed on) opens again after an Escape.
        if (!next || `${next.start}:${next.query}` !== dismissed) setDismissed(null);
        if (next?.query !== token?.query) setActive(0);
      },
      onBlur: () => setDismissed(tokenKey),
    },
  };
}
