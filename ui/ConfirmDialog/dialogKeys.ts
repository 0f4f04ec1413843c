/**
 * The keyboard of an in-app modal dialog (ConfirmDialog, the gadget's TransferDialog): Escape
 * cancels without reaching the app behind, and Tab / Shift+Tab wrap around inside the dialog.
 */
import type { KeyboardEvent } from 'react';

export function onDialogKeyDown(
  event: KeyboardEvent<HTMLElement>,
  dialog: HTMLElement | null,
  /** What can take the focus inside the dialog, e.g. `button:not(:disabled)`. */
  focusableSelector: string,
  onCancel: () => void,
): void {
  if (event.key === 'Escape') {
    event.stopPropagation();
    onCancel();
    return;
  }
  if (event.key !== 'Tab') return;
  const focusable = Array.from(dialog?.querySelectorAll<HTMLElement>(focusableSelector) ?? []);
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
