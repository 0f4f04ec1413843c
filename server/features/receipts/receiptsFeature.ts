/**
 * Delivered and read receipts (sdk/core/receipts.ts): every chat summary carries both sides'
 * watermarks, and both namespaces take `chat:receipt`.
 */
import type { Core, Feature } from '../../core/feature.ts';
import { onRequest } from '../../sockets/handlers.ts';
import { createReceiptService } from './receiptService.ts';

export function receiptsFeature(core: Core): Feature {
  const receipts = createReceiptService(core);
  return {
    name: 'receipts',
    summary: async (chat) => ({ receipts: await core.storage.receipts.get(chat.id) }),
    customerSocket(socket, who) {
      onRequest(socket, 'chat:receipt', core.log, async (payload) => ({
        receipts: await receipts.mark(who, payload),
      }));
    },
    agentSocket(socket, who) {
      onRequest(socket, 'chat:receipt', core.log, async (payload) => ({
        receipts: await receipts.mark(who, payload),
      }));
    },
  };
}
