/**
 * What the header's subtitle says about the chat, truthfully: never "Online · here to help" while
 * the customer's own connection is down (their messages wait in the outbox), nor while the agent's
 * desktop has been gone past the server's grace period (`ChatSummary.presence`,
 * server/features/presence/presenceFeature.ts).
 */
import type { ChatSummary, ConnectionStatus } from '../../../../sdk/index.ts';
import type { WidgetStatus } from '../../../bridge.ts';

export type HeaderLine = 'ended' | 'offline' | 'agentAway' | 'active' | 'waiting';

export const HEADER_LINE_KEYS = {
  ended: 'header.subtitleEnded',
  offline: 'header.subtitleOffline',
  agentAway: 'header.subtitleAgentAway',
  active: 'header.subtitleActive',
  waiting: 'header.subtitleWaiting',
} as const satisfies Record<HeaderLine, string>;

export function headerLine(
  status: WidgetStatus,
  connection: ConnectionStatus,
  chat: Pick<ChatSummary, 'agent' | 'presence'> | undefined,
): HeaderLine {
  if (status === 'ended') return 'ended';
  if (connection !== 'online') return 'offline';
  if (status === 'active' && chat?.presence?.agent === false) return 'agentAway';
  return status === 'active' && chat?.agent ? 'active' : 'waiting';
}
