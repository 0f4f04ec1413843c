/**
 * The desktop's own REST calls for sign-in and sign-out (finesse.js handles everything once the
 * agent is in). XML in and out, Basic or Bearer auth (`authHeader` of session.ts), errors as
 * `<ApiErrors>`.
 */
export class FinesseRestError extends Error {
  readonly status: number;
  readonly errorType: string;

  constructor(status: number, errorType: string, message: string) {
    super(message);
    this.name = 'FinesseRestError';
    this.status = status;
    this.errorType = errorType;
  }
}

const escapeXml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** `authorization` is the whole header value (`Basic …` or `Bearer …`). */
async function request(
  method: 'GET' | 'PUT',
  path: string,
  authorization: string,
  body?: string,
): Promise<Document> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: {
        Authorization: authorization,
        Accept: 'application/xml',
        ...(body === undefined ? {} : { 'Content-Type': 'application/xml' }),
      },
      body,
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new FinesseRestError(0, 'Network Error', 'Cannot reach the Finesse server.');
  }
  const text = await response.text();
  const doc = new DOMParser().parseFromString(text || '<empty/>', 'application/xml');
  if (!response.ok) {
    const field = (name: string) => doc.getElementsByTagName(name)[0]?.textContent ?? '';
    throw new FinesseRestError(
      response.status,
      field('ErrorType'),
      field('ErrorMessage') || response.statusText,
    );
  }
  return doc;
}

export interface UserSummary {
  readonly state: string;
  readonly extension: string;
}

export async function getUser(id: string, authorization: string): Promise<UserSummary> {
  const doc = await request('GET', `/finesse/api/User/${encodeURIComponent(id)}`, authorization);
  const field = (name: string) => doc.querySelector(`User > ${name}`)?.textContent ?? '';
  return { state: field('state'), extension: field('extension') };
}

/** Body `<User><state>LOGIN</state><extension>…</extension></User>`; answers 202. */
export async function signIn(id: string, authorization: string, extension: string): Promise<void> {
  const body = `<User><state>LOGIN</state><extension>${escapeXml(extension)}</extension></User>`;
  await request('PUT', `/finesse/api/User/${encodeURIComponent(id)}`, authorization, body);
}

export async function signOut(id: string, authorization: string): Promise<void> {
  await request(
    'PUT',
    `/finesse/api/User/${encodeURIComponent(id)}`,
    authorization,
    '<User><state>LOGOUT</state></User>',
  );
}
