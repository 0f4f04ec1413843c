/**
 * An in-gadget confirmation. The Finesse container forbids `confirm()` (it blocks the whole
 * desktop: FINESSE.md), so this is a modal alertdialog over its positioned parent: focus moves into
 * it, Tab stays inside, Escape cancels, and focus returns to where it was.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import './ConfirmDialog.css';

export interface ConfirmDialogProps {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** Test id of the confirm button, e.g. `gadget.end.confirm`. */
  confirmTestId?: string;
  busy?: boolean;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { title, body, confirmLabel, cancelLabel, onConfirm, onCancel, confirmTestId, busy = false } = props;
  const titleId = useId();
  const bodyId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    // The safe choice has focus first: Enter right after opening must not end a chat by accident.
    cancel.current?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = Array.from(
      dialog.current?.querySelectorAll<HTMLElement>('button:not(:disabled)') ?? [],
    );
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
  };

  return (
    <div className="hc-dialog__backdrop" onKeyDown={onKeyDown}>
      <div
        ref={dialog}
        className="hc-dialog hc-card"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
      >
        <h2 id={titleId} className="hc-dialog__title">
          {title}
        </h2>
        <p id={bodyId} className="hc-dialog__body">
          {body}
        </p>
        <div className="hc-dialog__actions">
          <button ref={cancel} type="button" className="hc-btn hc-btn--secondary" onClick={onCancel}>
            {cancelLabel}
          </button>
          <button
            type="button"
            className="hc-btn hc-btn--danger"
            data-testid={confirmTestId}
            disabled={busy}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
