import { createHash, timingSafeEqual } from 'node:crypto';
import { apiErrors } from './apiError.ts';
import type { UserSnapshot, UserStore } from './users.ts';

/**
 * Non-SSO Finesse authenticates every REST request with HTTP Basic and the agent's own id (or login
 * name) and password (FINESSE.md, REST API). No `WWW-Authenticate` is ever sent: a browser would
 * then pop its own login box over the desktop.
 */
export interface Credentials {
  readonly login: string;
  readonly password: string;
}

export function parseBasicAuth(header: string | undefined): Credentials | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,1024})\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { login: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** The authenticated user, or an `Authorization Failure` (401) ApiError. */
export function authenticate(users: UserStore, header: string | undefined): UserSnapshot {
  const credentials = parseBasicAuth(header);
  const user = credentials && users.findByLogin(credentials.login);
  // Compare digests in constant time so a wrong password does not leak by timing.
  const ok =
    credentials !== undefined &&
    timingSafeEqual(digest(credentials.password), digest(user?.agent.password ?? '\u0000no user'));
  if (!user || !ok) throw apiErrors.unauthorized();
  return user;
}

/**
 * May `viewer` read `target`'s User, reason codes and dialogs? Their own always; a supervisor
 * also the users of the teams they supervise (FINESSE.md; Cisco "Invalid Supervisor").
 */
export function assertCanRead(viewer: UserSnapshot, target: UserSnapshot): void {
  if (viewer.agent.id === target.agent.id) return;
  if (!viewer.agent.roles.includes('Supervisor')) throw apiErrors.otherUser(target.agent.id);
  if (!viewer.agent.supervisedTeamIds.includes(target.agent.teamId)) {
    throw apiErrors.invalidSupervisor(target.agent.id);
  }
}

/**
 * May `actor` change `target`'s state to `state`? Their own, with the state rules; a supervisor may
 * only make a team member READY or LOGOUT (Cisco "User API Errors": anything else is Invalid State).
 */
export function assertCanChangeState(
  actor: UserSnapshot,
  target: UserSnapshot,
  state: string | undefined,
): void {
  if (actor.agent.id === target.agent.id) return;
  assertCanRead(actor, target);
  if (state !== 'READY' && state !== 'LOGOUT') {
    throw apiErrors.invalidState('A supervisor may only change an agent to READY or LOGOUT.');
  }
}
