/**
 * An in-app confirmation: a modal alertdialog over its positioned parent, never `confirm()` (the
 * Finesse container forbids it, and it would block the customer's whole page). Focus starts on the
 * safe choice, Tab stays inside, Escape cancels, and focus returns to where it was.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { onDialogKeyDown } from './dialogKeys.ts';
import './ConfirmDialog.css';

export interface ConfirmDialogProps {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** The app's button classes: the dialog is laid out here, its buttons look like the app's. */
  confirmClassName: string;
  cancelClassName: string;
  /** Put the confirming button first (stacked buttons, the main action on top). Default: Cancel first. */
  confirmFirst?: boolean;
  /** Test id of the confirm button, e.g. `gadget.end.confirm`. */
  confirmTestId?: string;
  /** The confirmed action is running: the confirm button is disabled. */
  busy?: boolean;
}

export function ConfirmDialog({
  title,
  body,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  confirmClassName,
  cancelClassName,
  confirmFirst = false,
  confirmTestId,
  busy = false,
}: ConfirmDialogProps) {
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

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void =>
    onDialogKeyDown(event, dialog.current, 'button:not(:disabled)', onCancel);

  const cancelButton = (
    <button ref={cancel} type="button" className={cancelClassName} onClick={onCancel}>
      {cancelLabel}
    </button>
  );
  const confirmButton = (
    <button
      type="button"
      className={confirmClassName}
      data-testid={confirmTestId}
      disabled={busy}
      onClick={onConfirm}
    >
      {confirmLabel}
    </button>
  );

  return (
    <div className="ui-dialog__backdrop" onKeyDown={onKeyDown}>
      <div
        ref={dialog}
        className="ui-dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={bodyId}
      >
        <h2 id={titleId} className="ui-dialog__title">
          {title}
        </h2>
        <p id={bodyId} className="ui-dialog__body">
          {body}
        </p>
        <div className="ui-dialog__actions">
          {confirmFirst ? confirmButton : cancelButton}
          {confirmFirst ? cancelButton : confirmButton}
        </div>
      </div>
    </div>
  );
}
