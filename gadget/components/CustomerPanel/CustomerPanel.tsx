/**
 * The customer panel of a chat: the pre-chat data (at once, from the chat itself), the
 * channel, and from the server the customer's previous chats (their queue by its label in the
 * agent's language), each expanding to its transcript.
 * Everything the customer typed is shown as text, never as HTML; a page address is not a link.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChatSummary, CustomerProfile, PreviousChat, PreviousTranscript } from '../../../sdk/index.ts';
import { queueLabel } from '../../queueLabel.ts';
import './CustomerPanel.css';
import type { AgentApi } from '../../../sdk/index.ts';

const KNOWN_FIELDS = ['name', 'email', 'phone', 'topic'] as const;
type Loadable<T> = { kind: 'loading' } | { kind: 'error' } | { kind: 'ready'; value: T };

export interface CustomerPanelProps {
  chat: ChatSummary;
  /** Without it (tests, an old server) only the pre-chat data is shown. */
  desk?: AgentApi;
  id: string;
}

function dateTime(ms: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(ms);
}

export function CustomerPanel({ chat, desk, id }: CustomerPanelProps) {
  const { t, i18n } = useTranslation('gadget');
  const [profile, setProfile] = useState<Loadable<CustomerProfile>>({ kind: 'loading' });
  const headingId = useId();

  useEffect(() => {
    if (!desk) return;
    let cancelled = false;
    desk.customer(chat.id).then(
      (value) => !cancelled && setProfile({ kind: 'ready', value }),
      () => !cancelled && setProfile({ kind: 'error' }),
    );
    return () => {
      cancelled = true;
    };
  }, [desk, chat.id]);

  const fieldLabel = (key: string): string =>
    (KNOWN_FIELDS as readonly string[]).includes(key)
      ? t(`customer.field.${key as (typeof KNOWN_FIELDS)[number]}`)
      : key;
  const fields = Object.entries(chat.preChat).filter(([key]) => key !== 'page' && key !== 'pageUrl');
  const page = profile.kind === 'ready' ? profile.value.channel.page : null;

  return (
    <section className="hc-customer" id={id} aria-labelledby={headingId} data-testid="gadget.customer">
      <h3 id={headingId} className="hc-customer__heading">
        {t('customer.title')}
      </h3>
      <dl className="hc-customer__facts" data-testid="gadget.customer.prechat">
        {fields.map(([key, value]) => (
          <div key={key} className="hc-customer__fact">
            <dt>{fieldLabel(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div className="hc-customer__fact">
          <dt>{t('customer.channel')}</dt>
          <dd data-testid="gadget.customer.channel">
            {t('customer.web')}
            {page && <span className="hc-customer__page">{page}</span>}
          </dd>
        </div>
      </dl>

      <h4 className="hc-customer__subheading">{t('customer.previous')}</h4>
      {!desk || profile.kind === 'error' ? (
        <p className="hc-customer__note" role="status">
          {t('customer.unavailable')}
        </p>
      ) : profile.kind === 'loading' ? (
        <p className="hc-customer__note" role="status">
          {t('customer.loading')}
        </p>
      ) : profile.value.previous.length === 0 ? (
        <p className="hc-customer__note">{t('customer.none')}</p>
      ) : (
        <ul className="hc-customer__history" data-testid="gadget.customer.history">
          {profile.value.previous.map((previous) => (
            <PreviousChatItem
              key={previous.id}
              chatId={chat.id}
              previous={previous}
              desk={desk}
              language={i18n.language}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

function PreviousChatItem({
  chatId,
  previous,
  desk,
  language,
}: {
  chatId: string;
  previous: PreviousChat;
  desk: AgentApi;
  language: string;
}) {
  const { t } = useTranslation('gadget');
  const [open, setOpen] = useState(false);
  const [transcript, setTranscript] = useState<Loadable<PreviousTranscript> | null>(null);
  const regionId = useId();

  const toggle = (): void => {
    setOpen(!open);
    if (open || (transcript && transcript.kind !== 'error')) return;
    setTranscript({ kind: 'loading' });
    desk.previousChat(chatId, previous.id).then(
      (value) => setTranscript({ kind: 'ready', value }),
      () => setTranscript({ kind: 'error' }),
    );
  };

  const summary = t('customer.previousChat', {
    date: dateTime(previous.createdAt, language),
    // The queue's label in the agent's language, as the chat's own header names its queue.
    queue: queueLabel(previous.queue, previous.queueLabel, language),
    agent: previous.agentName ?? t('customer.noAgent'),
  });

  return (
    <li className="hc-customer__item">
      <button
        type="button"
        className="hc-customer__toggle"
        aria-expanded={open}
        aria-controls={regionId}
        data-testid="gadget.customer.previous"
        onClick={toggle}
      >
        <span aria-hidden="true" className="hc-customer__chevron" />
        {summary}
      </button>
      <div id={regionId} hidden={!open} className="hc-customer__transcript">
        {open && transcript?.kind === 'loading' && <p role="status">{t('customer.loading')}</p>}
        {open && transcript?.kind === 'error' && <p role="status">{t('customer.unavailable')}</p>}
        {open && transcript?.kind === 'ready' && (
          <ol className="hc-customer__lines" data-testid="gadget.customer.transcript">
            {transcript.value.messages.map((message) => (
              <li key={message.seq} className={`hc-customer__line hc-customer__line--${message.from.role}`}>
                {message.kind === 'event' ? (
                  <em>
                    {t(`event.${message.event ?? 'ended'}`, {
                      // A system event names who it is about in its text (as the conversation shows it).
                      name: message.from.role === 'system' ? message.text : message.from.name,
                    })}
                  </em>
                ) : (
                  <>
                    <strong>{message.from.name}: </strong>
                    {message.text}
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
      </div>
    </li>
  );
}
