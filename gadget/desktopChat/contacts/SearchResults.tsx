/**
 * What the search field finds beyond the roster: colleagues in the directory (the SDK's
 * searchContacts: the IM server's user directory, XEP-0055, or the chat server's list of Finesse
 * agents) and a typed address, each with Chat and Add.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopChat, DirectoryEntry } from '../../../sdk/desktop-chat/index.ts';

export interface SearchResultsProps {
  chat: DesktopChat;
  query: string;
  /** Already in the roster: not listed again. */
  known: ReadonlySet<string>;
  onChat: (jid: string) => void;
  onAdd: (entry: DirectoryEntry) => void;
}

const DELAY_MS = 250;

export function SearchResults({ chat, query, known, onChat, onAdd }: SearchResultsProps) {
  const { t } = useTranslation('gadget');
  const [found, setFound] = useState<{ query: string; entries: readonly DirectoryEntry[] } | null>(null);
  const trimmed = query.trim();

  useEffect(() => {
    if (trimmed.length < 2) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      chat.searchContacts(trimmed).then(
        (entries) => {
          if (!cancelled) setFound({ query: trimmed, entries });
        },
        () => {
          if (!cancelled) setFound({ query: trimmed, entries: [] });
        },
      );
    }, DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [chat, trimmed]);

  if (trimmed.length < 2 || found?.query !== trimmed) return null;
  const entries = found.entries.filter((entry) => !known.has(entry.jid));
  return (
    <section className="dc-results" aria-label={t('desktopChat.contacts.results')} data-testid="dc.results">
      {entries.length === 0 ? (
        <p className="dc-results__none">{t('desktopChat.contacts.noResults')}</p>
      ) : (
        <ul>
          {entries.map((entry) => (
            <li key={entry.jid} className="dc-results__item" data-testid="dc.result" data-jid={entry.jid}>
              <span className="dc-results__text">
                <span className="dc-row__name">{entry.name}</span>
                <span className="dc-row__status">{entry.jid}</span>
              </span>
              <button
                type="button"
                className="hc-btn hc-btn--secondary dc-btn--small"
                onClick={() => onChat(entry.jid)}
              >
                {t('desktopChat.contacts.chat')}
              </button>
              <button
                type="button"
                className="hc-btn hc-btn--secondary dc-btn--small"
                data-testid="dc.result.add"
                onClick={() => onAdd(entry)}
              >
                {t('desktopChat.contacts.add')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
