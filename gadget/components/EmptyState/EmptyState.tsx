import type { ReactNode } from 'react';
import './EmptyState.css';

export interface EmptyStateProps {
  tone: 'ready' | 'idle' | 'paused' | 'error';
  title: string;
  body?: string;
  children?: ReactNode;
}

/** A calm placeholder for when there is no chat to show. */
export function EmptyState({ tone, title, body, children }: EmptyStateProps) {
  return (
    <div className={`hc-empty hc-empty--${tone} hc-card`} data-testid="gadget.empty" data-tone={tone}>
      <span className="hc-empty__icon" aria-hidden="true">
        {tone === 'error' ? (
          <svg viewBox="0 0 24 24" width="30" height="30">
            <path
              fill="currentColor"
              d="M12 2.5 1.5 21h21L12 2.5Zm0 5.2 6.9 12.1H5.1L12 7.7Zm-1 3.8v4.2h2v-4.2h-2Zm0 5.4v2h2v-2h-2Z"
            />
          </svg>
        ) : (
          <svg viewBox="0 0 48 48" width="40" height="40">
            <rect x="6" y="10" width="30" height="22" rx="6" fill="currentColor" opacity="0.18" />
            <rect x="14" y="17" width="28" height="20" rx="6" fill="currentColor" opacity="0.35" />
            <circle cx="22" cy="27" r="1.8" fill="#fff" />
            <circle cx="28" cy="27" r="1.8" fill="#fff" />
            <circle cx="34" cy="27" r="1.8" fill="#fff" />
          </svg>
        )}
      </span>
      <p className="hc-empty__title">{title}</p>
      {body && <p className="hc-empty__body">{body}</p>}
      {children}
    </div>
  );
}
