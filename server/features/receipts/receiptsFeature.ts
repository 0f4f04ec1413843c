/**
 * Delivered and read receipts (sdk/core/receipts.ts): every chat summary carries both sides'
 * watermarks, and both namespaces take `chat:receipt`.
 */
import type { ChatClientToServerEvents } from '../../../sdk/core/protocol.ts';
import type { Core, Feature } from '../../core/feature.ts';
import type { Requests } from '../../sockets/handlers.ts';
import type { AgentSocket, CustomerSocket } from '../../sockets/socketTypes.ts';
import { createReceiptService } from './receiptService.ts';

export function receiptsFeature(core: Core): Feature {
  const receipts = createReceiptService(core);
  const mark: Requests<ChatClientToServerEvents, AgentSocket | CustomerSocket> = {
    'chat:receipt': async (payload, { who }) => ({ receipts: await receipts.mark(who, payload) }),
  };
  return {
    name: 'receipts',
    summary: async (chat) => ({ receipts: await core.storage.receipts.get(chat.id) }),
    customerRequests: mark,
    agentRequests: mark,
  };
}
