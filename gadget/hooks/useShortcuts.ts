/**
 * The gadget's keyboard shortcuts (listed in the gadget's "Keyboard shortcuts" panel):
 * Alt+1…9 go to that chat, Ctrl+[ and Ctrl+] to the previous and next chat, Alt+A accepts the
 * incoming chat. Chosen to stay clear of what browsers and the Finesse desktop use on Windows
 * (Alt+←/→ is Back/Forward, Ctrl+1…8 and Ctrl+PageUp/PageDown switch browser tabs, Alt+D and
 * Alt+F reach the address bar and menu, Ctrl+Alt is AltGr on many keyboards). Keys are matched by
 * their physical position (`code`), so Option+1 on a Mac or another layout still works.
 */
import { useEffect, useRef, type RefObject } from 'react';

export type Shortcut =
  { kind: 'goto'; index: number } | { kind: 'previous' } | { kind: 'next' } | { kind: 'accept' };

type KeyInfo = Pick<KeyboardEvent, 'code' | 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey'>;

export function shortcutOf(event: KeyInfo): Shortcut | null {
  if (event.metaKey || event.shiftKey) return null;
  if (event.altKey && !event.ctrlKey) {
    const digit = /^Digit([1-9])$/.exec(event.code)?.[1];
    if (digit) return { kind: 'goto', index: Number(digit) - 1 };
    if (event.code === 'KeyA') return { kind: 'accept' };
    return null;
  }
  if (event.ctrlKey && !event.altKey) {
    if (event.code === 'BracketLeft') return { kind: 'previous' };
    if (event.code === 'BracketRight') return { kind: 'next' };
  }
  return null;
}

/**
 * Calls `onShortcut` for the gadget's shortcuts pressed inside `root` (or on the page itself when
 * this gadget is the only one on it); `onShortcut` returns whether it used the keys.
 */
export function useShortcuts(
  root: RefObject<HTMLElement | null>,
  onShortcut: (shortcut: Shortcut) => boolean,
): void {
  const handler = useRef(onShortcut);
  useEffect(() => {
    handler.current = onShortcut;
  });
  useEffect(() => {
    const doc = root.current?.ownerDocument;
    if (!doc) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.isComposing) return;
      const shortcut = shortcutOf(event);
      if (!shortcut) return;
      const target = event.target instanceof Node ? event.target : null;
      const inside = target !== null && root.current?.contains(target) === true;
      const onPage = target === doc.body || target === doc.documentElement || target === doc;
      // Two copies of the gadget on one page: keys on the page itself belong to neither.
      const alone = doc.querySelectorAll('[data-testid="gadget.root"]').length <= 1;
      if (!inside && !(onPage && alone)) return;
      if (handler.current(shortcut)) event.preventDefault();
    };
    doc.addEventListener('keydown', onKeyDown);
    return () => doc.removeEventListener('keydown', onKeyDown);
  }, [root]);
}

type Modifier = 'alt' | 'ctrl' | 'shift';

/** "Alt+A", "Strg+]" (German): modifier names come from the translations (`keys.*`). */
export function shortcutLabel(
  t: (key: `keys.${Modifier}`) => string,
  modifiers: Modifier[],
  key: string,
): string {
  return [...modifiers.map((modifier) => t(`keys.${modifier}`)), key].join('+');
}
