/**
 * A chat's summary carries its queue's label from the queue settings (one text or one per
 * language), as do the transfer targets, so the agent's gadget names the queue in the agent's
 * language, as offers already do.
 */
import { describe, expect, it } from 'vitest';
import type { ChatOffer } from '../../sdk/core/protocol.ts';
import { ready, signedInAgent, signedInCustomer, startChat } from '../testing/participants.ts';
import { askAgent, closeSockets, next, unwrap, useTestServer } from '../testing/testServer.ts';

const getServer = useTestServer({
  queuesJson: JSON.stringify({ queues: { default: { label: { en: 'General', ar: 'عام' } } } }),
});

describe('chat summaries', () => {
  it('name the queue by its configured label', async () => {
    try {
      const server = getServer();
      const c = await signedInCustomer(server.url);
      await startChat(c.socket);
      const a = await signedInAgent(server.url);
      const offered = next<ChatOffer>(a.socket, 'offer:new');
      await ready(a.socket);
      const offer = await offered;
      const { chat } = unwrap(await askAgent(a.socket, 'offer:accept', { chatId: offer.chatId }));
      expect(chat.queueLabel).toEqual({ en: 'General', ar: 'عام' });
      // The transfer dialog's queues come with their labels too.
      const targets = unwrap(await askAgent(a.socket, 'agents:available', {}));
      expect(targets.queueLabels).toEqual({ default: { en: 'General', ar: 'عام' } });
    } finally {
      closeSockets();
    }
  });
});
