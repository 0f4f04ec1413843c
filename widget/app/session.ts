/**
 * The widget app's composition root: a customer session from the chat server, the `/customer`
 * socket and the SDK chat client. Starting a chat and resuming a saved one both end here with a
 * connected client that tracks exactly one chat.
 */
import {
  HybridChatError,
  createCustomerSession,
  createSessionRenewal,
  uuid,
  type ChatSummary,
  type CustomerSessionResponse,
  type SessionRenewal,
} from '../../sdk/index.ts';
import type * as Connection from './connection.ts';
import type { ChatClientPort } from './ports.ts';
import { OUTBOX_KEY, outboxStorage, type SavedChat } from './storage.ts';

export interface WidgetSession {
  client: ChatClientPort;
  chatId: string;
  saved: Omit<SavedChat, 'v'>;
  /** The current session token (renewed now and then), for the HTTP calls of the chat's end. */
  token(): string;
  close(): void;
}

export interface StartOptions {
  serverUrl: string;
  name: string;
  queue?: string;
  /** A previous customer token, to stay the same customer. */
  token?: string;
  /** The pre-chat form's values (the name among them, if the queue asks for it). */
  preChat?: Record<string, string>;
}

/** The saved chat cannot come back (expired identity, chat gone): start over with the form. */
export class ChatGoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChatGoneError';
  }
}

const ONLINE_TIMEOUT_MS = 15_000;

let connection: Promise<typeof Connection> | null = null;

/** Fetches the connection's code once (connection.ts says why it is apart); a failed fetch is retried. */
export function loadConnection(): Promise<typeof Connection> {
  connection ??= import('./connection.ts').catch((error: unknown) => {
    connection = null;
    throw error;
  });
  return connection;
}

async function open(serverUrl: string, name: string, token: string | undefined) {
  const [
    {
      createBrowserNetwork,
      createChatClient,
      createFileApi,
      createKeyValueOutboxStore,
      createSocketIoTransport,
    },
    first,
  ] = await Promise.all([
    loadConnection(),
    createCustomerSession(serverUrl, { name, ...(token ? { token } : {}) }),
  ]);
  // The token is renewed before it expires, so the customer stays the same customer: the server
  // ends a socket when the token it connected with expires (server/sockets/tokenWatch.ts), and the
  // renewed token connects it again. A token the server refuses (expired while the page slept) makes
  // it refuse the handshake, and the renewal then presents a new one (sdk/core/sessionRenewal.ts).
  const transport = createSocketIoTransport({
    url: serverUrl,
    namespace: '/customer',
    auth: () => ({ token: renewal.token() }),
  });
  const renewal: SessionRenewal<CustomerSessionResponse> = createSessionRenewal({
    session: first,
    renew: (current) => createCustomerSession(serverUrl, { name, token: current.token }),
    refusals: transport,
    reconnect: () => client.connect(),
    onError: (error) => console.warn('[hybrid-chat widget] renewing the session failed', error),
  });
  const client = createChatClient({
    transport,
    self: { role: 'customer', id: first.customer.id, name: first.customer.name },
    network: createBrowserNetwork(),
    // Attachments over HTTP with the same (renewed) session token.
    files: createFileApi({ baseUrl: serverUrl, token: renewal.token, renewToken: renewal.renewNow }),
    // Messages written offline survive a reload (only with the customer's consent, storage.ts).
    outboxStore: createKeyValueOutboxStore({ storage: outboxStorage, key: OUTBOX_KEY }),
  });

  client.connect();
  try {
    await waitOnline(client);
  } catch (error) {
    renewal.close();
    client.close();
    throw error;
  }
  return {
    session: renewal.current,
    transport,
    client,
    close() {
      renewal.close();
      client.close();
    },
  };
}

function waitOnline(client: ChatClientPort): Promise<void> {
  return new Promise((resolve, reject) => {
    if (client.getState().status === 'online') return resolve();
    const timer = setTimeout(() => {
      off();
      reject(
        client.getState().lastError ?? new HybridChatError('TIMEOUT', 'could not reach the chat server'),
      );
    }, ONLINE_TIMEOUT_MS);
    const off = client.subscribe((state) => {
      if (state.status !== 'online') return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}

export async function startChat({
  serverUrl,
  name,
  queue,
  token,
  preChat,
}: StartOptions): Promise<WidgetSession> {
  const opened = await open(serverUrl, name, token);
  try {
    const { chat } = await opened.transport.request('chat:start', {
      clientId: uuid(),
      ...(queue ? { queue } : {}),
      preChat: preChat ?? { name },
    });
    opened.client.track(chat);
    return session(opened, chat, name);
  } catch (error) {
    opened.close();
    throw error;
  }
}

export async function resumeChat(serverUrl: string, saved: SavedChat): Promise<WidgetSession> {
  const opened = await open(serverUrl, saved.name, saved.token);
  try {
    if (opened.session().customer.id !== saved.customerId) {
      throw new ChatGoneError('the saved customer session has expired');
    }
    // The client rehydrates open chats by itself; an ended one is not listed, so ask for it.
    if (!opened.client.getState().chats[saved.chatId]) {
      const { chat, messages } = await opened.transport
        .request('chat:sync', { chatId: saved.chatId, afterSeq: 0 })
        .catch((error: unknown) => {
          if (
            error instanceof HybridChatError &&
            (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')
          ) {
            throw new ChatGoneError(`chat ${saved.chatId} is gone`);
          }
          throw error;
        });
      opened.client.track(chat, messages);
    }
    return session(opened, { id: saved.chatId }, saved.name);
  } catch (error) {
    opened.close();
    throw error;
  }
}

function session(
  opened: Awaited<ReturnType<typeof open>>,
  chat: Pick<ChatSummary, 'id'>,
  name: string,
): WidgetSession {
  const current = opened.session();
  return {
    client: opened.client,
    chatId: chat.id,
    saved: { token: current.token, customerId: current.customer.id, chatId: chat.id, name },
    token: () => opened.session().token,
    close: opened.close,
  };
}
