/**
 * Which Finesse teams a supervisor may watch. Finesse says so in the supervisor's own User object
 * (`<teams><Team>`), read at sign-in with their credentials; the claim in the session token is what
 * every supervisor request is checked against, never anything the client sends.
 */
import type { FinesseUser } from '../../../sdk/core/finesseXml.ts';

export interface TeamRef {
  id: string;
  name: string;
}

/** The teams listed in the User object; a supervisor without a list supervises their own team. */
export function supervisedTeams(user: FinesseUser): TeamRef[] {
  const listed = (user.teams ?? []).filter((team) => team.id !== '');
  if (listed.length > 0) return listed.map((team) => ({ id: team.id, name: team.name || team.id }));
  return user.teamId ? [{ id: user.teamId, name: user.teamName || user.teamId }] : [];
}
