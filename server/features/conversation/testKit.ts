/** Test support for the widget-conversation server tests: customers, agents and HTTP calls. */
import { askCustomer, unwrap, type AgentSocket, type CustomerSocket } from '../../testing/testServer.ts';

export {
  signedInAgent as agent,
  signedInCustomer as customer,
  ready,
  readyAndAccept,
  startChat,
} from '../../testing/participants.ts';

export async function say(socket: CustomerSocket | AgentSocket, chatId: string, text: string): Promise<void> {
  // Both namespaces answer `message:send` the same way.
  unwrap(
    await askCustomer(socket as CustomerSocket, 'message:send', {
      chatId,
      clientId: crypto.randomUUID(),
      text,
    }),
  );
}

/** A JSON (or text) HTTP call with an optional bearer token. */
export async function http(
  url: string,
  init: { method?: 'GET' | 'POST'; token?: string; body?: unknown } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test answers are read field by field
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const response = await fetch(url, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = null; // a transcript is text, not JSON
  }
  return { status: response.status, json, text, headers: response.headers };
}
