/**
 * Sane limits on the User object Finesse answers at sign-in. Everything the session token carries
 * comes from it (id, name, team, a supervisor's teams), and a token is only accepted up to 4,096
 * characters with at most 100 teams (server/auth/tokens.ts). Without these checks a Finesse that
 * lists 1,000 teams or a 200,000-character name would get the agent a token that no socket takes;
 * with them the sign-in itself fails, saying what was too large. The whole answer is already capped
 * (MAX_FINESSE_XML in sdk/core/finesseXml.ts).
 */
import { FinesseError } from '../../sdk/core/errors.ts';
import type { FinesseUser } from '../../sdk/core/finesseXml.ts';
import { supervisedTeams } from '../features/supervision/teams.ts';

/** Ids: loginId, extension, teamId and each team's id (the token schema allows 64). */
export const MAX_FINESSE_ID = 64;
/** Names: loginName, firstName, lastName, teamName and each team's name (the token schema allows 128). */
export const MAX_FINESSE_NAME = 128;
/** A supervisor's teams (the token schema allows 100). */
export const MAX_FINESSE_TEAMS = 100;
/** The token's size limit, less room for the signature, timestamps and claims added later. */
export const MAX_IDENTITY_CHARS = 4096 - 512;

function tooLarge(user: FinesseUser, what: string): FinesseError {
  const who = user.loginId.length <= MAX_FINESSE_ID ? user.loginId : `${user.loginId.slice(0, 16)}…`;
  return new FinesseError(
    `Finesse's User object for ${who} is past what a session can hold (${what}); check the agent's ` +
      'configuration in Finesse',
    502,
    'Too Large',
  );
}

/** Throws a FinesseError naming the first field past its limit; returns when the user fits a token. */
export function checkFinesseUser(user: FinesseUser): void {
  const ids = { loginId: user.loginId, extension: user.extension, teamId: user.teamId };
  for (const [field, value] of Object.entries(ids)) {
    if (value.length > MAX_FINESSE_ID)
      throw tooLarge(user, `${field} of ${value.length} characters, at most ${MAX_FINESSE_ID}`);
  }
  const names = {
    loginName: user.loginName,
    firstName: user.firstName,
    lastName: user.lastName,
    teamName: user.teamName,
  };
  for (const [field, value] of Object.entries(names)) {
    if (value.length > MAX_FINESSE_NAME)
      throw tooLarge(user, `${field} of ${value.length} characters, at most ${MAX_FINESSE_NAME}`);
  }
  const teams = user.roles.includes('Supervisor') ? supervisedTeams(user) : [];
  if (teams.length > MAX_FINESSE_TEAMS)
    throw tooLarge(user, `${teams.length} supervised teams, at most ${MAX_FINESSE_TEAMS}`);
  const longId = teams.find((team) => team.id.length > MAX_FINESSE_ID);
  if (longId) throw tooLarge(user, `a team id of ${longId.id.length} characters, at most ${MAX_FINESSE_ID}`);
  const longName = teams.find((team) => team.name.length > MAX_FINESSE_NAME);
  if (longName)
    throw tooLarge(user, `a team name of ${longName.name.length} characters, at most ${MAX_FINESSE_NAME}`);
  // Each field fits, but together they may not: the claims as JSON, base64url (4 characters per 3 bytes).
  const json = JSON.stringify({ ...ids, ...names, teams });
  const chars = Math.ceil((Buffer.byteLength(json) * 4) / 3);
  if (chars > MAX_IDENTITY_CHARS)
    throw tooLarge(user, `${chars} characters of identity in the token, at most ${MAX_IDENTITY_CHARS}`);
}
