/**
 * Opens a customer's chat connection: a session from the chat server, kept fresh by the shared
 * renewal plugin (`createSessionRenewal`), the `/customer` socket and a chat client on it, connected.
 * Starting a chat and resuming a saved one both begin here.
 */
import type { ChatClient } from '../core/chatClientTypes.ts';
import { HybridChatError } from '../core/errors.ts';
import type { CustomerSessionResponse } from '../core/protocol.ts';
import { createSessionRenewal, type SessionRenewal } from '../core/sessionRenewal.ts';
import type { CustomerClientOptions, CustomerPorts, CustomerTransport } from './customerTypes.ts';

export const ONLINE_TIMEOUT_MS = 15_000;

export interface OpenedSession {
  /** The session as the server first gave it. */
  first: CustomerSessionResponse;
  renewal: SessionRenewal<CustomerSessionResponse>;
  transport: CustomerTransport;
  client: ChatClient;
  close(): void;
}

export async function openSession(
  options: CustomerClientOptions,
  ports: CustomerPorts,
  name: string,
  token: string | undefined,
  onSession: (session: CustomerSessionResponse) => void,
): Promise<OpenedSession> {
  const first = await ports.createSession({ name, ...(token ? { token } : {}) });
  onSession(first);
  // The token is renewed before it expires, so the customer stays the same customer: the server
  // ends a socket when the token it connected with expires, and the renewed token connects it again.
  // A token refused at the handshake (expired while the page slept) is renewed, then the client
  // connects again.
  const { transport, client } = await ports.connect({
    serverUrl: options.serverUrl,
    self: { role: 'customer', id: first.customer.id, name: first.customer.name },
    // Asked only once connecting, after the renewal below exists.
    token: () => renewal.token(),
    renewToken: () => renewal.renewNow(),
    ...(options.network ? { network: options.network } : {}),
    ...(options.outbox ? { outbox: options.outbox } : {}),
  });
  const renewal = createSessionRenewal({
    session: first,
    renew: (current) => ports.createSession({ name, token: current.token }),
    refusals: transport,
    reconnect: () => client.connect(),
    onRenewed: onSession,
    onError: (error) => options.onError?.(error),
  });
  const opened: OpenedSession = {
    first,
    renewal,
    transport,
    client,
    close() {
      renewal.close();
      client.close();
    },
  };
  client.connect();
  try {
    await waitOnline(client, options.onlineTimeoutMs ?? ONLINE_TIMEOUT_MS);
  } catch (error) {
    opened.close();
    throw error;
  }
  return opened;
}

function waitOnline(client: ChatClient, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (client.getState().status === 'online') return resolve();
    const timer = setTimeout(() => {
      off();
      reject(
        client.getState().lastError ?? new HybridChatError('TIMEOUT', 'could not reach the chat server'),
      );
    }, timeoutMs);
    const off = client.subscribe((state) => {
      if (state.status !== 'online') return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}
