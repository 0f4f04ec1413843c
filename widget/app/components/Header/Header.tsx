import { useTranslation } from 'react-i18next';
import type { HeaderLine } from './headerLine.ts';
import './Header.css';

export interface HeaderProps {
  /** Default: "Chat with us". */
  title?: string;
  subtitle: string;
  /** The agent, once one has joined: their initials replace the chat icon. */
  agentName?: string | null;
  status: 'idle' | 'waiting' | 'active' | 'ended';
  /** What the subtitle says (headerLine.ts): the green dot shows only while both sides are there. */
  line?: HeaderLine;
  onEnd?: () => void;
  onClose: () => void;
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return [parts[0], parts.length > 1 ? parts.at(-1) : undefined]
    .map((part) => Array.from(part ?? '')[0] ?? '')
    .join('')
    .toUpperCase();
}

/** The theme-coloured bar: who the customer talks to, End chat while a chat is open, and close. */
export function Header({ title, subtitle, agentName, status, line, onEnd, onClose }: HeaderProps) {
  const { t } = useTranslation('widget');
  return (
    <header className="w-header">
      <span className={`w-header__avatar${agentName ? ' w-header__avatar--agent' : ''}`} aria-hidden="true">
        {agentName ? (
          initials(agentName)
        ) : (
          <svg viewBox="0 0 24 24" width="22" height="22">
            <path
              fill="currentColor"
              d="M12 3C6.5 3 2 6.8 2 11.5c0 2.4 1.2 4.6 3.1 6.1L4.3 21l4-1.9c1.2.4 2.4.6 3.7.6 5.5 0 10-3.8 10-8.5S17.5 3 12 3Z"
            />
          </svg>
        )}
        {status === 'active' && (line ?? 'active') === 'active' && <span className="w-header__presence" />}
      </span>
      <div className="w-header__text">
        <h1 className="w-header__title">{title ?? t('header.title')}</h1>
        <p className="w-header__subtitle" data-testid="widget.status" data-status={status} data-line={line}>
          {subtitle}
        </p>
      </div>
      {onEnd && (
        <button type="button" className="w-header__end" data-testid="widget.end" onClick={onEnd}>
          {t('header.end')}
        </button>
      )}
      <button
        type="button"
        className="w-header__icon"
        data-testid="widget.close"
        aria-label={t('header.close')}
        title={t('header.close')}
        onClick={onClose}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path
            d="M6 9l6 6 6-6"
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
      </button>
    </header>
  );
}
