import type { SsoTokens } from './session.ts';

/**
 * The desktop's single sign-on calls. `POST /sim/idp/token` stands in for the IdS/IdP redirect
 * dance of a real Finesse and answers what Cisco's "Fetch Access Token" does; `POST
 * /desktop/sso/token` is Finesse's refresh API (form fields `token` and `refresh-token`).
 */
export class SsoError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'SsoError';
    this.status = status;
  }
}

interface Grant {
  token: string;
  refresh_token: string;
  expires_in: number;
  user_id: string;
}

async function post(path: string, body: string, contentType: string): Promise<Grant> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Accept: 'application/json' },
      body,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new SsoError(0, 'Cannot reach the identity provider.');
  }
  const json = (await response.json().catch(() => ({}))) as Partial<Grant> & { error?: string };
  if (!response.ok || typeof json.token !== 'string') {
    throw new SsoError(response.status, json.error ?? 'Single sign-on failed.');
  }
  return json as Grant;
}

const tokensOf = (grant: Grant): SsoTokens => {
  const now = Date.now();
  return {
    token: grant.token,
    refreshToken: grant.refresh_token,
    issuedAt: now,
    expiresAt: now + grant.expires_in * 1000,
  };
};

/** Signs in at the (simulated) IdP; resolves with the Finesse user id and the token pair. */
export async function idpSignIn(
  username: string,
  password: string,
): Promise<{ userId: string; tokens: SsoTokens }> {
  const grant = await post('/sim/idp/token', JSON.stringify({ username, password }), 'application/json');
  return { userId: grant.user_id, tokens: tokensOf(grant) };
}

export async function refreshTokens(tokens: SsoTokens): Promise<SsoTokens> {
  const form = new URLSearchParams({ token: tokens.token, 'refresh-token': tokens.refreshToken });
  return tokensOf(await post('/desktop/sso/token', form.toString(), 'application/x-www-form-urlencoded'));
}

/** When to refresh: after 75% of the lifetime (Cisco, "Refresh Existing Access Token"). */
export function refreshDelay(tokens: SsoTokens, now = Date.now()): number {
  return Math.max(0, tokens.issuedAt + (tokens.expiresAt - tokens.issuedAt) * 0.75 - now);
}
