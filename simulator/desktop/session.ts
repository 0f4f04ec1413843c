/**
 * The signed-in agent, kept in sessionStorage so a reload stays signed in (as a Finesse desktop
 * does) while a new tab or browser starts signed out. `authorization` is base64 "id:password",
 * what Finesse gives gadgets as `finesse.gadget.Config.authorization` in non-SSO mode.
 */
export interface Session {
  readonly id: string;
  readonly authorization: string;
  readonly extension: string;
}

const KEY = 'finesse-sim.session';

export function loadSession(): Session | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<Session> | null;
    if (value && typeof value.id === 'string' && typeof value.authorization === 'string') {
      return { id: value.id, authorization: value.authorization, extension: String(value.extension ?? '') };
    }
  } catch {
    // Storage blocked or a corrupt entry: treat as signed out.
  }
  return undefined;
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** base64 of "id:password" in UTF-8 (btoa alone cannot take non-Latin-1 passwords). */
export function basicAuthorization(id: string, password: string): string {
  const bytes = new TextEncoder().encode(`${id}:${password}`);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
