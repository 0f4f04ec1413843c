/**
 * The customer client's default connection: the socket.io transport on `/customer`, and the chat
 * client with attachments over HTTP and an outbox that may survive a reload. Kept in a module of its
 * own, imported when a chat starts or resumes, so that a page showing only the pre-chat form does
 * not load socket.io (the customer widget's budget counts what loads on open).
 */
import { createChatClient } from '../core/chatClient.ts';
import { NAMESPACES } from '../core/protocol.ts';
import { createKeyValueOutboxStore } from '../core/outboxStore.ts';
import { createFileApi } from '../transport/fileApi.ts';
import { createSocketIoTransport } from '../transport/socketIoTransport.ts';
import type { CustomerConnectRequest, CustomerConnection } from './customerTypes.ts';

export function connectCustomer(request: CustomerConnectRequest): CustomerConnection {
  const transport = createSocketIoTransport({
    url: request.serverUrl,
    namespace: NAMESPACES.customer,
    auth: () => ({ token: request.token() }),
  });
  const client = createChatClient({
    transport,
    self: request.self,
    ...(request.network ? { network: request.network } : {}),
    files: createFileApi({
      baseUrl: request.serverUrl,
      token: request.token,
      renewToken: request.renewToken,
    }),
    ...(request.outbox ? { outboxStore: createKeyValueOutboxStore(request.outbox) } : {}),
  });
  return { transport, client };
}
