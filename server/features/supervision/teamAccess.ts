/**
 * Which chats a supervisor may see: the one rule for every path that shows a supervisor a chat they
 * take no part in. The socket requests (supervision.ts: monitor, barge-in, forced transfer), the
 * monitor rooms (a chat transferred out of the supervisor's teams stops being monitored), and the
 * agent HTTP reads (`GET /api/agent/chats/:chatId` and the customer panel under it) all ask here.
 *
 * A chat is in a supervisor's teams when its agent (its owner) belongs to one of the teams Finesse
 * listed for the supervisor at sign-in (the `teams` claim of their session token, teams.ts). An
 * agent's team is what their own session token said when their gadget last connected; a chat with
 * no agent (waiting in a queue) is in no team. Anything else answers NOT_FOUND, revealing nothing.
 */
import { HybridChatError } from '../../../sdk/core/errors.ts';
import type { TokenClaims } from '../../auth/tokens.ts';
import type { ChatStore, StoredChat } from '../../core/storage/storage.ts';
import type { MemberRecord } from './teamView.ts';
import type { TeamRef } from './teams.ts';

export interface TeamAccess {
  /** Agents as their session tokens said when they connected (the team view reads them too). */
  readonly members: Map<string, MemberRecord>;
  /** A supervisor's teams; FORBIDDEN for anyone else. */
  supervisorTeams(claims: TokenClaims): TeamRef[];
  /** Whether the chat's agent belongs to one of `teams`. */
  inTeams(teams: readonly TeamRef[], chat: Pick<StoredChat, 'agent'>): boolean;
  /** Whether `claims` are a supervisor's whose teams hold the chat (false for anyone else). */
  supervises(claims: TokenClaims, chat: Pick<StoredChat, 'agent'>): boolean;
  /** The chat, if it is in one of `teams`; NOT_FOUND otherwise. */
  teamChat(teams: readonly TeamRef[], chatId: string): Promise<StoredChat>;
}

export function createTeamAccess(chats: Pick<ChatStore, 'get'>): TeamAccess {
  const members = new Map<string, MemberRecord>();

  const inTeams = (teams: readonly TeamRef[], chat: Pick<StoredChat, 'agent'>): boolean => {
    const teamId = chat.agent ? members.get(chat.agent.id)?.teamId : undefined;
    return !!teamId && teams.some((team) => team.id === teamId);
  };

  return {
    members,
    inTeams,
    supervisorTeams(claims) {
      if (!claims.supervisor) throw new HybridChatError('FORBIDDEN', 'only supervisors may do this');
      return claims.teams ?? [];
    },
    supervises: (claims, chat) => claims.supervisor === true && inTeams(claims.teams ?? [], chat),
    async teamChat(teams, chatId) {
      const chat = /^[A-Za-z0-9-]{1,64}$/.test(chatId) ? await chats.get(chatId) : null;
      if (!chat || !inTeams(teams, chat))
        throw new HybridChatError('NOT_FOUND', 'no such chat in your teams');
      return chat;
    },
  };
}
