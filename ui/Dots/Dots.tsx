import '../ui.css';

/** Three softly bouncing dots (someone is typing, the queue is moving). Decoration only. */
export function Dots({ className }: { className?: string }) {
  return (
    <span className={className ? `ui-dots ${className}` : 'ui-dots'} aria-hidden="true">
      <i />
      <i />
      <i />
    </span>
  );
}
