/**
 * The customer's side of a chat for any UI, the widget's or an integrator's own: the queue's
 * pre-chat fields and whether a chat can start now (business hours, staffed), the form's checks,
 * starting a chat or resuming a saved one (session renewed as long as it is open), leaving a message
 * when no chat is possible, and at the end the transcript, its email and the rating.
 *
 * ```ts
 * const customer = createCustomerClient({ serverUrl: 'https://chat.example.com', queue: 'sales' });
 * customer.subscribe((state) => render(state)); // or useCustomer(customer, (s) => s.config) in React
 * const config = await customer.refreshConfig();
 * if (config.availability === 'open') {
 *   const { client, chatId } = await customer.start({ name: 'Ada' });
 *   client.send(chatId, 'Hello'); // the chat client (createChatClient) of that one chat
 * }
 * ```
 *
 * The state is a framework-free store (`getState`/`subscribe`); the chat itself is the chat client's.
 */
import { HybridChatError } from '../core/errors.ts';
import { checkPrechat, DEFAULT_PRECHAT_FIELDS } from '../core/prechat.ts';
import type { CustomerSessionResponse, WidgetConfigResponse } from '../core/protocol.ts';
import { createStore } from '../core/store.ts';
import { uuid } from '../core/uuid.ts';
import { createConversationApi } from '../transport/conversationApi.ts';
import { createHttpClient } from '../transport/http.ts';
import { createCustomerSession } from '../transport/httpApi.ts';
import type * as Connection from './connection.ts';
import { openSession, type OpenedSession } from './customerSession.ts';
import type {
  CustomerChat,
  CustomerClient,
  CustomerClientOptions,
  CustomerPorts,
  CustomerState,
  SavedCustomerChat,
} from './customerTypes.ts';

/** The saved chat cannot come back (expired identity, chat gone): start over with the form. */
export class ChatGoneError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChatGoneError';
  }
}

/** What the form asks when the server cannot say: the name; starting the chat tells whether it is there. */
export const FALLBACK_CONFIG: Omit<WidgetConfigResponse, 'queue'> = {
  prechat: { fields: [...DEFAULT_PRECHAT_FIELDS] },
  availability: 'open',
  nextOpenAt: null,
  transcriptEmail: false,
};

const isCode = (error: unknown, ...codes: string[]): boolean =>
  error instanceof HybridChatError && codes.includes(error.code);

let connection: Promise<typeof Connection> | null = null;
/** Loads the connection's code once; a failed load is tried again next time. */
function loadConnection(): Promise<typeof Connection> {
  connection ??= import('./connection.ts').catch((error: unknown) => {
    connection = null;
    throw error;
  });
  return connection;
}

function defaultPorts(options: CustomerClientOptions): CustomerPorts {
  const timeout = options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {};
  return {
    api: createConversationApi({ baseUrl: options.serverUrl, ...timeout }),
    createSession: (request) => createCustomerSession(options.serverUrl, request, timeout),
    // socket.io loads when the first chat starts, not with the form.
    connect: async (request) => (await loadConnection()).connectCustomer(request),
    preload: async () => void (await loadConnection()),
  };
}

export function createCustomerClient(options: CustomerClientOptions): CustomerClient {
  const ports: CustomerPorts = { ...defaultPorts(options), ...options.ports };
  const store = createStore<CustomerState>(
    { config: null, configFallback: false, status: 'idle', chat: null, error: null },
    options.onError,
  );
  let locale = options.locale;
  /** The customer's latest token: a new chat after an ended one keeps the same customer. */
  let lastToken: string | undefined;
  let opened: OpenedSession | null = null;
  /** Bumped by `leave`/`close`: a start or resume that finishes after it is let go at once. */
  let generation = 0;
  let closed = false;

  // The current chat's token for its HTTP calls, renewed once if the server refuses it.
  const http = createHttpClient({
    baseUrl: options.serverUrl,
    token: () => opened?.renewal.token(),
    renewToken: () => opened?.renewal.renewNow() ?? Promise.resolve(false),
  });
  const withToken = <T>(call: (token: string) => Promise<T>): Promise<T> =>
    http.authorized((token) => {
      if (!token) throw new HybridChatError('UNAUTHORIZED', 'no chat session: start or resume a chat first');
      return call(token);
    });
  const chatIdOr = (chatId: string | undefined): string => {
    const id = chatId ?? store.getState().chat?.chatId;
    if (!id) throw new HybridChatError('NOT_FOUND', 'no chat: start or resume one first');
    return id;
  };

  const refreshConfig = async (nextLocale?: string): Promise<WidgetConfigResponse> => {
    if (nextLocale !== undefined) locale = nextLocale;
    try {
      const config = await ports.api.config({ queue: options.queue, locale });
      store.setState({ config, configFallback: false });
      return config;
    } catch (error) {
      options.onError?.(error);
      const config = { queue: options.queue ?? 'default', ...FALLBACK_CONFIG };
      store.setState({ config, configFallback: true });
      return config;
    }
  };

  const dropChat = (): void => {
    generation += 1;
    opened?.close();
    opened = null;
  };

  /** Opens a session and runs `then` on it; the chat is the client's only if nothing let it go meanwhile. */
  async function begin(
    status: 'starting' | 'restoring',
    name: string,
    token: string | undefined,
    then: (session: OpenedSession, customer: CustomerSessionResponse) => Promise<string>,
  ): Promise<CustomerChat> {
    if (closed) throw new HybridChatError('CONFLICT', 'the customer client is closed');
    dropChat();
    const mine = generation;
    store.setState({ status, chat: null, error: null });
    let session: OpenedSession | null = null;
    try {
      session = await openSession(options, ports, name, token, (next) => {
        lastToken = next.token;
      });
      const chatId = await then(session, session.first);
      if (mine !== generation) throw new HybridChatError('CONFLICT', 'the chat was let go meanwhile');
      const current = session;
      opened = current;
      const chat: CustomerChat = {
        client: current.client,
        chatId,
        saved: { token: current.renewal.token(), customerId: current.first.customer.id, chatId, name },
        token: () => current.renewal.token(),
        close: () => {
          current.close();
          if (opened === current) opened = null;
        },
      };
      store.setState({ status: 'chat', chat });
      return chat;
    } catch (error) {
      session?.close();
      if (mine === generation) store.setState({ status: 'idle', chat: null, error });
      throw error;
    }
  }

  return {
    getState: store.getState,
    subscribe: store.subscribe,
    refreshConfig,
    prepare: () => (ports.preload?.() ?? Promise.resolve()).catch(() => undefined),
    checkPrechat: (values) =>
      checkPrechat(store.getState().config?.prechat.fields ?? DEFAULT_PRECHAT_FIELDS, values),

    async start({ name, preChat, token }) {
      try {
        return await begin('starting', name, token ?? lastToken, async ({ transport, client }) => {
          const { chat } = await transport.request('chat:start', {
            clientId: uuid(),
            ...(options.queue ? { queue: options.queue } : {}),
            preChat: preChat ?? { name },
          });
          client.track(chat);
          return chat.id;
        });
      } catch (error) {
        // Closed meanwhile (business hours) or the queue's fields changed: ask the server again.
        if (isCode(error, 'CONFLICT', 'BAD_REQUEST')) await refreshConfig();
        throw error;
      }
    },

    resume: (saved: SavedCustomerChat) =>
      begin('restoring', saved.name, saved.token, async ({ transport, client }, customer) => {
        if (customer.customer.id !== saved.customerId) {
          throw new ChatGoneError('the saved customer session has expired');
        }
        // The client rehydrates open chats by itself; an ended one is not listed, so ask for it.
        if (!client.getState().chats[saved.chatId]) {
          const { chat, messages } = await transport
            .request('chat:sync', { chatId: saved.chatId, afterSeq: 0 })
            .catch((error: unknown) => {
              if (isCode(error, 'NOT_FOUND', 'FORBIDDEN'))
                throw new ChatGoneError(`chat ${saved.chatId} is gone`);
              throw error;
            });
          client.track(chat, messages);
        }
        return saved.chatId;
      }),

    leaveMessage(message) {
      const queue = store.getState().config?.queue ?? options.queue;
      return ports.api.leaveMessage({
        clientId: uuid(),
        ...(queue ? { queue } : {}),
        ...(locale ? { locale } : {}),
        ...message,
      });
    },
    transcript: async ({ chatId, ...transcript } = {}) => {
      const id = chatIdOr(chatId);
      return withToken((token) =>
        ports.api.transcript(token, id, { ...(locale ? { locale } : {}), ...transcript }),
      );
    },
    emailTranscript: async (body, chatId) => {
      const id = chatIdOr(chatId);
      return withToken((token) => ports.api.emailTranscript(token, id, body));
    },
    rate: async (body, chatId) => {
      const id = chatIdOr(chatId);
      return withToken((token) => ports.api.rate(token, id, body));
    },
    leave() {
      dropChat();
      store.setState({ status: 'idle', chat: null, error: null });
    },
    close() {
      closed = true;
      dropChat();
      store.setState({ status: 'idle', chat: null });
    },
  };
}
