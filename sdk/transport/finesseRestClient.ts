/**
 * A small Finesse REST client for servers: XML in and out, Basic (non-SSO) or Bearer (SSO)
 * authorization, timeouts, `ApiErrors` → `FinesseError`. FINESSE.md, "REST API".
 */
import { FinesseError, TimeoutError } from '../core/errors.ts';
import { MAX_FINESSE_XML, parseApiError, parseUser, type FinesseUser } from '../core/finesseXml.ts';

export interface FinesseRestClientOptions {
  /** e.g. `https://finesse1.example.com:8445` */
  baseUrl: string;
  /** The `Authorization` header: `Basic …` or `Bearer …`. */
  authorization: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export function createFinesseRestClient(options: FinesseRestClientOptions) {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 5000;
  const base = options.baseUrl.replace(/\/+$/, '');

  async function request(method: 'GET' | 'PUT', path: string, body?: string): Promise<string> {
    let response: Response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: {
          Authorization: options.authorization,
          Accept: 'application/xml',
          ...(body ? { 'Content-Type': 'application/xml' } : {}),
        },
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
        throw new TimeoutError(`Finesse did not answer ${method} ${path} within ${timeoutMs} ms`);
      }
      throw new FinesseError(`Finesse unreachable at ${base}`, 0, undefined, { cause: error });
    }
    const text = await readLimited(response);
    if (!response.ok) {
      const apiError = parseApiError(text);
      throw new FinesseError(
        apiError?.message || `Finesse answered ${response.status} to ${method} ${path}`,
        response.status,
        apiError?.errorType,
      );
    }
    return text;
  }

  return {
    async getUser(id: string): Promise<FinesseUser> {
      return parseUser(await request('GET', `/finesse/api/User/${encodeURIComponent(id)}`));
    },
    request,
  };
}

async function readLimited(response: Response): Promise<string> {
  const length = Number(response.headers.get('content-length') ?? '0');
  if (length > MAX_FINESSE_XML) throw new FinesseError('Finesse answer too large', 502, 'Invalid XML');
  const text = await response.text();
  if (text.length > MAX_FINESSE_XML) throw new FinesseError('Finesse answer too large', 502, 'Invalid XML');
  return text;
}

export type FinesseRestClient = ReturnType<typeof createFinesseRestClient>;
