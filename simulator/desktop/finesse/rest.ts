/*
 * finesse.js, part 5: REST requests with the agent's credentials. Handlers receive
 * `{ status, content, object }`, `object` being the parsed XML (`ApiErrors` on failure,
 * as Finesse sends them). A response that is not XML (network failure, proxy page) has `object: null`.
 */
import type { RestResponse, SimInternals } from './types.ts';

declare const __sim: SimInternals;

__sim.rest = {
  async request(method, path, body) {
    const config = __sim.clientConfig;
    if (!config) {
      const response: RestResponse = {
        status: 0,
        content: 'ClientServices.init() was not called',
        object: null,
      };
      throw response;
    }
    const headers: Record<string, string> = {
      Authorization: __sim.authHeader(config),
      Accept: 'application/xml',
    };
    if (body !== undefined) headers['Content-Type'] = 'application/xml';
    let fetched: Response;
    try {
      // Finesse's own origin: in a gadget page relative URLs resolve against the gadget XML (<base>).
      fetched = await fetch(new URL(path, location.origin), {
        method,
        headers,
        body,
        cache: 'no-store',
        credentials: 'omit',
      });
    } catch (error) {
      const response: RestResponse = { status: 0, content: String(error), object: null };
      throw response;
    }
    const content = await fetched.text();
    const response: RestResponse = { status: fetched.status, content, object: __sim.xml.parse(content) };
    if (!fetched.ok) throw response;
    return response;
  },
};
