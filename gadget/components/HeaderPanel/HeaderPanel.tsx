/**
 * A panel opened from a header button (settings, keyboard shortcuts): a titled region in the page
 * flow that takes the focus when it opens, closes on Escape or its Close button, and gives the
 * focus back to the button that opened it.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import './HeaderPanel.css';

export interface HeaderPanelProps {
  id: string;
  title: string;
  closeLabel: string;
  testId: string;
  onClose: () => void;
  /** The button that opened the panel: focus returns there on close. */
  opener: RefObject<HTMLElement | null>;
  children: ReactNode;
}

export function HeaderPanel({ id, title, closeLabel, testId, onClose, opener, children }: HeaderPanelProps) {
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    panel.current?.focus();
  }, []);

  const close = (): void => {
    onClose();
    opener.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    close();
  };

  return (
    <section
      ref={panel}
      id={id}
      className="hc-panel hc-card"
      aria-labelledby={titleId}
      data-testid={testId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
    >
      <div className="hc-panel__head">
        <h2 id={titleId} className="hc-panel__title">
          {title}
        </h2>
        <button type="button" className="hc-btn hc-btn--secondary hc-panel__close" onClick={close}>
          {closeLabel}
        </button>
      </div>
      {children}
    </section>
  );
}
