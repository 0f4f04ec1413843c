/**
 * How far one of the viewer's own messages has got: ✓ sent (stored by the server), ✓✓ delivered
 * (the other side's app has it), ✓✓ in the accent colour once read. The marks are a picture with a
 * spoken name; the name changes in place (an attribute), so the conversation's live region does not
 * announce every receipt again.
 */
import type { ReceiptStatus } from '../../sdk/index.ts';

export interface ReceiptLabels {
  sent: string;
  delivered: string;
  read: string;
}

export function ReceiptMark({ status, labels }: { status: ReceiptStatus; labels: ReceiptLabels }) {
  const label = labels[status];
  return (
    <span
      className={`ui-msg__receipt ui-msg__receipt--${status}`}
      role="img"
      aria-label={label}
      title={label}
      data-receipt={status}
    >
      <span aria-hidden="true">{status === 'sent' ? '✓' : '✓✓'}</span>
    </span>
  );
}
