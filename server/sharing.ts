/**
 * Receipts and attachments, wired once (issue 5): the receipt store that every chat summary reads,
 * the `chat:receipt` service for the socket namespaces, and the file service with its HTTP routes.
 * createServer.ts only hands over what exists and mounts the pieces.
 */
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { FastifyInstance } from 'fastify';
import type { TokenSigner } from './auth/tokens.ts';
import type { ChatFanout, ChatService } from './chatService.ts';
import type { ServerConfig } from './config.ts';
import { registerFileRoutes } from './files/fileRoutes.ts';
import { createFileService } from './files/fileService.ts';
import { createFileStore } from './files/fileStore.ts';
import { createLinkSigner } from './files/signedLinks.ts';
import { createReceiptService } from './receipts/receiptService.ts';
import type { ChatStore, StoredChat } from './store/chatStore.ts';
import { createReceiptStore } from './store/receiptStore.ts';
import type { ReceiptNotice } from '../sdk/core/protocol.ts';

export interface SharingDeps {
  config: Pick<ServerConfig, 'dataDir' | 'maxUploadBytes' | 'fileLinkTtlS'>;
  db: DatabaseSync;
  store: ChatStore;
  tokens: TokenSigner;
  /** The session token secret; file links are signed with a key derived from it. */
  tokenSecret: string;
  /** The chat service is created after this (it reads the receipts): a getter. */
  chatService: () => ChatService;
  fanout: Pick<ChatFanout, 'message'>;
  emitReceipt: (notice: ReceiptNotice, chat: StoredChat) => void;
}

export function createSharing(deps: SharingDeps) {
  const receiptStore = createReceiptStore(deps.db);
  const files = createFileStore(deps.db, join(deps.config.dataDir, 'files'));
  const ownChat: ChatService['ownChat'] = (who, chatId) => deps.chatService().ownChat(who, chatId);

  const receiptService = createReceiptService({ store: receiptStore, ownChat, notify: deps.emitReceipt });
  const fileService = createFileService({
    files,
    chats: deps.store,
    ownChat,
    fanout: deps.fanout,
    links: createLinkSigner(deps.tokenSecret, deps.config.fileLinkTtlS * 1000),
    maxBytes: deps.config.maxUploadBytes,
  });

  return {
    /** For chatService's summaries. */
    receipts: (chatId: string) => receiptStore.get(chatId),
    receiptService,
    registerRoutes(app: FastifyInstance): void {
      registerFileRoutes(app, {
        service: fileService,
        files,
        tokens: deps.tokens,
        maxBytes: deps.config.maxUploadBytes,
      });
    },
  };
}
