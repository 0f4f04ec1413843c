/**
 * One monitored chat: the conversation read-only and live (silent — nobody in the chat is told),
 * then, on request, barge-in (the customer sees the supervisor join; a reply box appears) and a
 * forced transfer to a queue or another agent of the team. Messages render as text only (ui/MessageList).
 * The chat's whispers (agent-only notes, never sent to the customer) show under the conversation in
 * the same marked card as in the agent's own chat (WhisperToggle's WhisperList), oldest first.
 */
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  LocalMessage,
  ChatMessage,
  ChatSummary,
  TeamAgentView,
  TransferTarget,
  Whisper,
} from '../../../sdk/index.ts';
import { MessageList, type MessageListLabels } from '../../../ui/MessageList/MessageList.tsx';
import { WhisperList } from '../WhisperToggle/WhisperToggle.tsx';
import type { SupervisorClient } from '../../../sdk/index.ts';

export interface MonitorPanelProps {
  port: SupervisorClient;
  chatId: string;
  selfId: string;
  agentName: string;
  customerName: string;
  /** Team members a chat can be handed to (the panel leaves out the chat's own agent). */
  teamAgents: readonly TeamAgentView[];
  onClose: () => void;
}

const TEST_IDS = { log: 'gadget.supervisor.monitor.messages', message: 'gadget.supervisor.monitor.message' };

/** Adds messages by `seq` (a reconnect may deliver some twice). */
function merge(list: readonly ChatMessage[], more: readonly ChatMessage[]): ChatMessage[] {
  const bySeq = new Map(list.map((message) => [message.seq, message]));
  for (const message of more) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

/** Adds a whisper by id (listed again after a reconnect), in the order they were written. */
function mergeWhisper(list: Whisper[], whisper: Whisper): Whisper[] {
  if (list.some((known) => known.id === whisper.id)) return list;
  return [...list, whisper].sort((a, b) => a.sentAt - b.sentAt);
}

export function MonitorPanel(props: MonitorPanelProps) {
  const { port, chatId } = props;
  const { t, i18n } = useTranslation('gadget');
  const ids = useId();
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [whispers, setWhispers] = useState<Whisper[]>([]);
  const [queues, setQueues] = useState<string[]>([]);
  const [chat, setChat] = useState<ChatSummary | null>(null);
  const [barged, setBarged] = useState(false);
  const [draft, setDraft] = useState('');
  const [target, setTarget] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** The server ended the monitoring: the chat left this supervisor's teams. */
  const [leftTeams, setLeftTeams] = useState(false);

  useEffect(() => {
    let live = true;
    const watch = port.monitor(chatId, {
      message: (message) => setMessages((list) => merge(list, [message])),
      chat: setChat,
      whisper: (whisper) => setWhispers((list) => mergeWhisper(list, whisper)),
      ended: () => setLeftTeams(true),
    });
    watch.history.then(
      (result) => {
        if (!live) return;
        setChat(result.chat);
        setMessages((list) => merge(list, result.messages));
      },
      () => live && setStatus(t('supervisor.error.monitor')),
    );
    return () => {
      live = false;
      watch.stop();
    };
  }, [port, chatId, t]);

  useEffect(() => {
    let live = true;
    // Without the list the chat's own queue is still offered: nothing to report.
    port.queues().then(
      (list) => live && setQueues(list),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [port]);

  const ended = chat?.status === 'ended';
  const movedAway = !ended && (leftTeams || (chat !== null && chat.agent?.name !== props.agentName));
  const local = useMemo<LocalMessage[]>(
    () => messages.map((message) => ({ ...message, delivery: 'sent' })),
    [messages],
  );
  const labels = useMemo<MessageListLabels>(
    () => ({
      log: t('supervisor.monitor.log', { agent: props.agentName, customer: props.customerName }),
      empty: t('supervisor.monitor.loading'),
      you: t('messages.you'),
      pending: t('messages.pending'),
      failed: t('messages.failed'),
      retry: t('messages.retry'),
      sentBy: (author, time) => t('messages.sentBy', { name: author, time }),
      event: (event, who) => t(`event.${event}`, { name: who }),
    }),
    [t, props.agentName, props.customerName],
  );

  const run = async (action: () => Promise<void>, done?: string): Promise<void> => {
    setBusy(true);
    try {
      await action();
      setStatus(done ?? null);
    } catch (error) {
      const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : 'INTERNAL';
      setStatus(t('supervisor.error.generic', { code }));
    } finally {
      setBusy(false);
    }
  };

  const barge = () =>
    run(async () => {
      const result = await port.barge(chatId);
      setMessages((list) => merge(list, result.messages));
      setBarged(true);
    }, t('supervisor.monitor.barged'));

  const send = (event: FormEvent) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    void run(async () => {
      const message = await port.send(chatId, text);
      setMessages((list) => merge(list, [message]));
      setDraft('');
    });
  };

  const transfer = () => {
    if (!target) return;
    const to: TransferTarget = target.startsWith('queue:')
      ? { queue: target.slice('queue:'.length) }
      : { agentId: target.slice('agent:'.length) };
    void run(async () => {
      setChat(await port.transfer(chatId, to));
      setTarget('');
    }, t('supervisor.monitor.transferred'));
  };

  // The chat's own queue first, then the server's other transfer queues.
  const queueChoices = chat ? [...new Set([chat.queue, ...queues])] : [];
  const others = props.teamAgents.filter(
    (agent) => agent.name !== props.agentName && agent.id !== props.selfId && agent.state !== 'SIGNED_OUT',
  );
  const title = t('supervisor.monitor.title', { agent: props.agentName, customer: props.customerName });

  return (
    <section
      className="hc-card hc-monitor"
      aria-labelledby={`${ids}title`}
      data-testid="gadget.supervisor.monitor"
    >
      <div className="hc-monitor__head">
        <h3 id={`${ids}title`} className="hc-monitor__title">
          {title}
        </h3>
        <button type="button" className="hc-btn hc-btn--secondary" onClick={props.onClose}>
          {t('supervisor.monitor.stop')}
        </button>
      </div>
      <p className="hc-monitor__mode" data-testid="gadget.supervisor.monitor.mode">
        {barged ? t('supervisor.monitor.bargedMode') : t('supervisor.monitor.silent')}
      </p>

      <MessageList
        messages={local}
        selfRole="agent"
        selfId={props.selfId}
        language={i18n.language}
        labels={labels}
        testIds={TEST_IDS}
        authors="other-agents"
        eventTimes
      />
      <WhisperList whispers={whispers} selfId={props.selfId} />

      {ended && <p className="hc-monitor__note">{t('supervisor.monitor.ended')}</p>}
      {movedAway && <p className="hc-monitor__note">{t('supervisor.monitor.transferred')}</p>}

      {!ended && !movedAway && (
        <div className="hc-monitor__actions">
          {barged ? (
            <form className="hc-monitor__reply" onSubmit={send}>
              <label htmlFor={`${ids}reply`} className="ui-sr-only">
                {t('supervisor.monitor.composer', { name: props.customerName })}
              </label>
              <textarea
                id={`${ids}reply`}
                className="hc-monitor__input"
                rows={2}
                maxLength={4000}
                value={draft}
                placeholder={t('supervisor.monitor.composer', { name: props.customerName })}
                onChange={(event) => setDraft(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'Enter' && !event.shiftKey) send(event);
                }}
                data-testid="gadget.supervisor.reply"
              />
              <button type="submit" className="hc-btn hc-btn--primary" disabled={busy || !draft.trim()}>
                {t('supervisor.monitor.send')}
              </button>
            </form>
          ) : (
            <button
              type="button"
              className="hc-btn hc-btn--primary"
              disabled={busy || chat === null}
              onClick={() => void barge()}
              data-testid="gadget.supervisor.barge"
            >
              {t('supervisor.monitor.barge')}
            </button>
          )}
          <div className="hc-monitor__transfer">
            <label htmlFor={`${ids}target`}>{t('supervisor.monitor.transferTo')}</label>
            <select
              id={`${ids}target`}
              value={target}
              onChange={(event) => setTarget(event.target.value)}
              data-testid="gadget.supervisor.transferTarget"
            >
              <option value="">{t('supervisor.monitor.choose')}</option>
              {queueChoices.map((queue) => (
                <option key={queue} value={`queue:${queue}`}>
                  {t('supervisor.monitor.toQueue', { queue })}
                </option>
              ))}
              {others.map((agent) => (
                <option key={agent.id} value={`agent:${agent.id}`}>
                  {agent.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="hc-btn hc-btn--secondary"
              disabled={busy || !target}
              onClick={transfer}
              data-testid="gadget.supervisor.transfer"
            >
              {t('supervisor.monitor.transfer')}
            </button>
          </div>
        </div>
      )}
      <p className="hc-monitor__status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
