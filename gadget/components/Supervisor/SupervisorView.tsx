/**
 * The supervisor's team view: queue figures (waiting chats, longest wait, ready agents and
 * service level, each queue under its label for people), the team's agents (chat state, chats and
 * wrap-ups, the longest a customer has waited for an answer) and their chats in progress, live from
 * the server's pushes; a chat can be monitored, then barged into or transferred (MonitorPanel). Plain tables
 * with captions and column headers, so screen readers can walk them.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueFigures, TeamAgentView, TeamSnapshot } from '../../../sdk/index.ts';
import { formatDuration } from '../../format.ts';
import { useNow } from '../../hooks/useNow.ts';
import { queueLabel } from '../../queueLabel.ts';
import { MonitorPanel } from './MonitorPanel.tsx';
import './Supervisor.css';
import type { SupervisorClient } from '../../../sdk/index.ts';

export interface SupervisorViewProps {
  port: SupervisorClient;
  selfId: string;
  id?: string;
  labelledBy?: string;
}

/** The longest any of the agent's customers has waited for an answer, as a start time. */
const longestWaitSince = (agent: TeamAgentView): number | null =>
  agent.chats.reduce<number | null>(
    (oldest, chat) =>
      chat.waitingSince === null ? oldest : Math.min(oldest ?? chat.waitingSince, chat.waitingSince),
    null,
  );

/**
 * A percentage as a whole number that never rounds up to 100 or down to 0 unless it is: 99.6 % of
 * chats answered in time is not all of them.
 */
export function wholePercent(percent: number): number {
  const rounded = Math.round(percent);
  if (rounded >= 100 && percent < 100) return 99;
  if (rounded <= 0 && percent > 0) return 1;
  return Math.min(100, Math.max(0, rounded));
}

export function SupervisorView({ port, selfId, id, labelledBy }: SupervisorViewProps) {
  const { t, i18n } = useTranslation('gadget');
  const [snapshot, setSnapshot] = useState<TeamSnapshot | null>(null);
  const [skew, setSkew] = useState(0);
  const [error, setError] = useState<string | null>(null);
  /** The monitored chat, with the names it had when opened (it leaves the snapshot when it ends). */
  const [monitored, setMonitored] = useState<{ chatId: string; agent: string; customer: string } | null>(
    null,
  );
  const now = useNow(1000) + skew;

  useEffect(
    () =>
      port.watchTeam(
        (next) => {
          setSnapshot(next);
          // Server times, shown against the local clock: keep the difference out of the durations.
          setSkew(next.at - Date.now());
          setError(null);
        },
        (code) => setError(code),
      ),
    [port],
  );

  const since = (start: number | null): string => (start === null ? '—' : formatDuration(now - start, t));
  const chats = (snapshot?.agents ?? []).flatMap((agent) => agent.chats.map((chat) => ({ agent, chat })));
  const labels = new Map((snapshot?.queues ?? []).map((queue) => [queue.queue, queue.label]));
  const nameOf = (queue: string): string => queueLabel(queue, labels.get(queue), i18n.language);
  /** A figure the server did not give (an older server) or cannot give yet: a dash, and words for screen readers. */
  const none = (
    <>
      <span aria-hidden="true">—</span>
      <span className="ui-sr-only">{t('supervisor.queues.noFigure')}</span>
    </>
  );
  const serviceLevel = ({ serviceLevel: level }: QueueFigures) =>
    level && level.percent !== null
      ? t('supervisor.queues.serviceLevelValue', {
          percent: wholePercent(level.percent),
          threshold: formatDuration(level.thresholdS * 1000, t),
        })
      : none;

  return (
    <section
      className="hc-supervisor"
      role={labelledBy ? 'tabpanel' : undefined}
      id={id}
      aria-labelledby={labelledBy}
      data-testid="gadget.supervisor"
    >
      {error && (
        <p className="hc-supervisor__error" role="alert">
          {error === 'FORBIDDEN'
            ? t('supervisor.error.forbidden')
            : t('supervisor.error.generic', { code: error })}
        </p>
      )}
      {!snapshot && !error && <p className="hc-supervisor__loading">{t('supervisor.loading')}</p>}
      {snapshot && (
        <>
          <h2 className="hc-supervisor__title">
            {t('supervisor.title', { teams: snapshot.teams.map((team) => team.name).join(', ') })}
          </h2>
          <p className="hc-supervisor__figure" data-testid="gadget.supervisor.ready">
            {t('supervisor.agentsReady', { count: snapshot.agentsReady })}
          </p>

          <table className="hc-table" data-testid="gadget.supervisor.queues">
            <caption>{t('supervisor.queues.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supervisor.queues.queue')}</th>
                <th scope="col">{t('supervisor.queues.waiting')}</th>
                <th scope="col">{t('supervisor.queues.longest')}</th>
                <th scope="col">{t('supervisor.queues.staffed')}</th>
                <th scope="col" title={t('supervisor.queues.serviceLevelHint')}>
                  {t('supervisor.queues.serviceLevel')}
                </th>
              </tr>
            </thead>
            <tbody>
              {snapshot.queues.length === 0 ? (
                <tr>
                  <td colSpan={5}>{t('supervisor.queues.none')}</td>
                </tr>
              ) : (
                snapshot.queues.map((queue) => (
                  <tr key={queue.queue} data-queue={queue.queue}>
                    <th scope="row">
                      <bdi>{nameOf(queue.queue)}</bdi>
                    </th>
                    <td>{queue.waiting}</td>
                    <td>{since(queue.longestWaitSince)}</td>
                    <td data-testid="gadget.supervisor.queue.staffed">{queue.staffed ?? none}</td>
                    <td className="hc-table__nowrap" data-testid="gadget.supervisor.queue.serviceLevel">
                      {serviceLevel(queue)}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>

          <table className="hc-table" data-testid="gadget.supervisor.agents">
            <caption>{t('supervisor.agents.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supervisor.agents.name')}</th>
                <th scope="col">{t('supervisor.agents.state')}</th>
                <th scope="col">{t('supervisor.agents.chats')}</th>
                <th scope="col">{t('supervisor.agents.longest')}</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.agents.map((agent) => (
                <tr key={agent.id} data-agent-id={agent.id}>
                  <th scope="row">{agent.name}</th>
                  <td>
                    <span className={`hc-state hc-state--${agent.state.toLowerCase()}`}>
                      {t(`supervisor.state.${agent.state}`)}
                    </span>
                  </td>
                  <td>
                    {t('supervisor.agents.chatCount', { count: agent.activeChats, max: agent.maxChats })}
                    {(agent.wrapUps ?? 0) > 0 && (
                      <span className="hc-wrapups">{t('state.wrapUps', { count: agent.wrapUps })}</span>
                    )}
                  </td>
                  <td>{since(longestWaitSince(agent))}</td>
                </tr>
              ))}
            </tbody>
          </table>

          <table className="hc-table" data-testid="gadget.supervisor.chats">
            <caption>{t('supervisor.chats.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('supervisor.chats.customer')}</th>
                <th scope="col">{t('supervisor.chats.agent')}</th>
                <th scope="col">{t('supervisor.chats.queue')}</th>
                <th scope="col">{t('supervisor.chats.duration')}</th>
                <th scope="col">{t('supervisor.chats.waiting')}</th>
                <th scope="col">
                  <span className="ui-sr-only">{t('supervisor.chats.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {chats.length === 0 ? (
                <tr>
                  <td colSpan={6}>{t('supervisor.chats.none')}</td>
                </tr>
              ) : (
                chats.map(({ agent, chat }) => (
                  <tr key={chat.chatId} data-chat-id={chat.chatId}>
                    <th scope="row">{chat.customerName}</th>
                    <td>{agent.name}</td>
                    <td>
                      <bdi>{nameOf(chat.queue)}</bdi>
                    </td>
                    <td>{since(chat.acceptedAt)}</td>
                    <td>
                      {chat.waitingSince === null ? t('supervisor.chats.answered') : since(chat.waitingSince)}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="hc-btn hc-btn--secondary"
                        aria-pressed={monitored?.chatId === chat.chatId}
                        aria-label={t('supervisor.chats.monitorLabel', {
                          agent: agent.name,
                          customer: chat.customerName,
                        })}
                        onClick={() =>
                          setMonitored({
                            chatId: chat.chatId,
                            agent: agent.name,
                            customer: chat.customerName,
                          })
                        }
                        data-testid="gadget.supervisor.monitor.open"
                      >
                        {t('supervisor.chats.monitor')}
                      </button>
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </>
      )}

      {monitored && (
        <MonitorPanel
          key={monitored.chatId}
          port={port}
          chatId={monitored.chatId}
          selfId={selfId}
          agentName={monitored.agent}
          customerName={monitored.customer}
          teamAgents={snapshot?.agents ?? []}
          onClose={() => setMonitored(null)}
        />
      )}
    </section>
  );
}
