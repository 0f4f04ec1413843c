/**
 * In-app confirmation (a modal alertdialog over the chat). Focus starts on the safe choice, Tab
 * stays inside, Escape cancels, focus returns to where it was.
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
    cancel.current?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Tab') {
      const buttons = Array.from(
        dialog.current?.querySelectorAll<HTMLElement>('button:not(:disabled)') ?? [],
      );
      const first = buttons[0];
      const last = buttons.at(-1);
      if (!first || !last) return;
      if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div className="w-dialog__backdrop" onKeyDown={onKeyDown}>
      <div
        ref={dialog}
        className="w-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
      >
        <h2 id={titleId} className="w-dialog__title">
          {title}
        </h2>
        <p id={bodyId} className="w-dialog__body">
          {body}
        </p>
        <div className="w-dialog__actions">
          <button
            type="button"
            className="w-btn w-btn--danger w-btn--block"
            data-testid={confirmTestId}
            disabled={busy}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
          <button
            ref={cancel}
            type="button"
            className="w-btn w-btn--secondary w-btn--block"
            onClick={onCancel}
          >
            {cancelLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
