/**
 * The signed-in agent, kept in sessionStorage so a reload stays signed in (as a Finesse desktop
 * does) while a new tab or browser starts signed out. Non-SSO: `authorization` is base64
 * "id:password", what Finesse gives gadgets as `finesse.gadget.Config.authorization`. SSO: the
 * IdS token pair, `Config.authToken` for gadgets, refreshed before it expires.
 */
export interface SsoTokens {
  readonly token: string;
  readonly refreshToken: string;
  /** Epoch milliseconds. */
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export interface Session {
  readonly id: string;
  readonly extension: string;
  readonly authorization?: string;
  readonly sso?: SsoTokens;
}

const KEY = 'finesse-sim.session';

const isTokens = (value: unknown): value is SsoTokens => {
  const t = value as Partial<SsoTokens> | null;
  return (
    typeof t?.token === 'string' &&
    typeof t.refreshToken === 'string' &&
    typeof t.issuedAt === 'number' &&
    typeof t.expiresAt === 'number'
  );
};

export function loadSession(): Session | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<Session> | null;
    if (!value || typeof value.id !== 'string') return undefined;
    const extension = String(value.extension ?? '');
    if (isTokens(value.sso)) return { id: value.id, extension, sso: value.sso };
    if (typeof value.authorization === 'string') {
      return { id: value.id, extension, authorization: value.authorization };
    }
  } catch {
    // Storage blocked or a corrupt entry: treat as signed out.
  }
  return undefined;
}

/**
 * Where Cisco's finesse.js reads the agent's Basic credentials in a gadget
 * (`finesse.utilities.Utilities.getUserAuthString()`): the desktop's sessionStorage, shared with
 * the gadget frames of its origin. Only for Basic sign-in (our reading; SSO tokens are not put there).
 */
export const CISCO_AUTH_KEY = 'userFinesseAuth';

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
  if (session.authorization) sessionStorage.setItem(CISCO_AUTH_KEY, session.authorization);
  else sessionStorage.removeItem(CISCO_AUTH_KEY);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(CISCO_AUTH_KEY);
}

/** The `Authorization` header for Finesse REST: `Bearer …` with SSO, else `Basic …`. */
export function authHeader(session: Pick<Session, 'authorization' | 'sso'>): string {
  return session.sso ? `Bearer ${session.sso.token}` : `Basic ${session.authorization ?? ''}`;
}

/** base64 of "id:password" in UTF-8 (btoa alone cannot take non-Latin-1 passwords). */
export function basicAuthorization(id: string, password: string): string {
  const bytes = new TextEncoder().encode(`${id}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
