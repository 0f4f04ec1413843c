import { apiErrors } from './apiError.ts';
import { sameSecret, type SsoTokenStore, type SystemAuthMode } from './ssoTokens.ts';
import type { UserSnapshot, UserStore } from './users.ts';

/**
 * Finesse authenticates every REST request: HTTP Basic with the agent's own id (or login name) and
 * password in non-SSO mode, `Authorization: Bearer <access token>` from the IdS in SSO mode
 * (Cisco Finesse Web Services Developer Guide, "REST API with SSO"). No `WWW-Authenticate` is ever sent: a browser
 * would then pop its own login box over the desktop.
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

export function parseBearer(header: string | undefined): string | undefined {
  return /^Bearer\s+([A-Za-z0-9._~+/=-]{1,4096})\s*$/i.exec(header ?? '')?.[1];
}

/** Does this user sign in through the IdP? All users in SSO mode, none in NON_SSO, per user in HYBRID. */
export function usesSso(mode: SystemAuthMode, user: UserSnapshot): boolean {
  return mode === 'SSO' || (mode === 'HYBRID' && user.agent.sso);
}

export interface Authenticator {
  readonly mode: SystemAuthMode;
  /** The authenticated user, or an `Authorization Failure` (401) ApiError. */
  authenticate(header: string | undefined): UserSnapshot;
  /** Checks a user's own password (the simulated IdP's sign-in form). */
  checkPassword(login: string, password: string): UserSnapshot | undefined;
  /** Is this the administrator's Basic header (configuration APIs)? */
  isAdmin(header: string | undefined): boolean;
}

export function createAuthenticator(options: {
  users: UserStore;
  mode: SystemAuthMode;
  tokens: SsoTokenStore;
  admin: Credentials;
}): Authenticator {
  const { users, mode, tokens, admin } = options;

  const checkPassword = (login: string, password: string): UserSnapshot | undefined => {
    const user = users.findByLogin(login);
    // Compare in constant time so a wrong password does not leak by timing.
    const ok = sameSecret(password, user?.agent.password ?? '\u0000no user');
    return user && ok ? user : undefined;
  };

  return {
    mode,
    checkPassword,
    authenticate(header) {
      const token = parseBearer(header);
      if (token !== undefined) {
        const userId = tokens.verify(token);
        const user = userId === undefined ? undefined : users.get(userId);
        if (!user || !usesSso(mode, user)) throw apiErrors.unauthorized();
        return user;
      }
      const credentials = parseBasicAuth(header);
      const user = credentials && checkPassword(credentials.login, credentials.password);
      // An SSO user's password belongs to the IdP: Finesse refuses Basic for them.
      if (!user || usesSso(mode, user)) throw apiErrors.unauthorized();
      return user;
    },
    isAdmin(header) {
      const credentials = parseBasicAuth(header);
      return (
        credentials !== undefined &&
        sameSecret(`${credentials.login}\n${credentials.password}`, `${admin.login}\n${admin.password}`)
      );
    },
  };
}

/**
 * May `viewer` read `target`'s User, reason codes and dialogs? Their own always; a supervisor
 * also the users of the teams they supervise (Cisco Finesse Web Services Developer Guide, "Invalid Supervisor").
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
