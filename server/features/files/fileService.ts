/**
 * Sharing files in a chat, the rules apart from HTTP: only a participant of the chat uploads to it
 * or reads from it; the type comes from the bytes (sdk/core/fileTypes.ts), never from the client;
 * the file is stored under a random id, then posted as a `file` message, once per client id (a retry
 * gets the stored message back, as `message:send` does).
 */
import { HybridChatError } from '../../../sdk/core/errors.ts';
import { hasActiveExtension, safeFileName, sniffFileType } from '../../../sdk/core/fileTypes.ts';
import type { ChatMessage, FileLinkResponse } from '../../../sdk/core/protocol.ts';
import type { ChatLog } from '../../core/chatLog.ts';
import type { ChatService, Principal } from '../../core/chatService.ts';
import type { FileRecord, FileStore, MessageStore } from '../../core/storage/storage.ts';
import type { Refusals } from '../../limits/refusals.ts';
import { rateLimited } from '../../limits/tokenBuckets.ts';
import type { FileBytes } from './fileBytes.ts';
import type { LinkSigner } from './signedLinks.ts';

export interface FileServiceOptions {
  files: FileStore;
  bytes: FileBytes;
  messages: Pick<MessageStore, 'byClientId'>;
  chats: Pick<ChatService, 'ownChat'>;
  chatLog: Pick<ChatLog, 'post'>;
  links: LinkSigner;
  maxBytes: number;
  /** Per chat, and per customer a day (README "Limits"). */
  quota: { filesPerChat: number; bytesPerChat: number; filesPerCustomerPerDay: number };
  refusals: Pick<Refusals, 'count'>;
  now?: () => number;
}

const DAY_MS = 86_400_000;
const MB = 1024 * 1024;

const sizeText = (bytes: number) =>
  bytes >= MB ? `${Math.round((bytes / MB) * 10) / 10} MB` : `${bytes} bytes`;

export function createFileService(options: FileServiceOptions) {
  const { files, bytes, messages, quota, refusals } = options;
  const now = options.now ?? Date.now;
  /** Uploads checked against the chat's quota but not stored yet: two at once cannot both take the last place. */
  const pending = new Map<string, { count: number; bytes: number }>();

  async function checkQuota(who: Principal, chatId: string, size: number): Promise<void> {
    const used = await files.usage(chatId);
    const held = pending.get(chatId) ?? { count: 0, bytes: 0 };
    if (used.count + held.count >= quota.filesPerChat) {
      refusals.count('filesPerChat', chatId);
      throw new HybridChatError('TOO_LARGE', `a chat holds at most ${quota.filesPerChat} files`);
    }
    if (used.bytes + held.bytes + size > quota.bytesPerChat) {
      refusals.count('fileBytesPerChat', chatId);
      throw new HybridChatError('TOO_LARGE', `a chat holds at most ${sizeText(quota.bytesPerChat)} of files`);
    }
    if (who.role !== 'customer') return;
    const at = now();
    const mine = await files.uploadedBy(who.id, at - DAY_MS);
    if (mine.count >= quota.filesPerCustomerPerDay) {
      refusals.count('filesPerCustomer', who.id);
      throw rateLimited('files today', Math.max(1000, (mine.oldestAt ?? at) + DAY_MS - at));
    }
  }

  /** The file if it belongs to a chat `who` takes part in; NOT_FOUND otherwise, revealing nothing. */
  async function ownFile(who: Principal, chatId: string, fileId: string): Promise<FileRecord> {
    const chat = await options.chats.ownChat(who, chatId);
    const file = bytes.isId(fileId) ? await files.get(fileId) : null;
    if (!file || file.chatId !== chat.id) throw new HybridChatError('NOT_FOUND', 'no such file');
    return file;
  }

  return {
    ownFile,

    async upload(
      who: Principal,
      chatId: string,
      request: { clientId: string; name: string },
      body: Uint8Array,
    ): Promise<ChatMessage> {
      const chat = await options.chats.ownChat(who, chatId);
      const stored = await messages.byClientId(chat.id, request.clientId);
      if (stored) {
        if (stored.kind === 'file') return stored;
        throw new HybridChatError('CONFLICT', 'this client id names another message');
      }
      if (chat.status === 'ended') throw new HybridChatError('CONFLICT', 'this chat has ended');
      // Nobody to look at a file before an agent joins: a waiting chat is no file drop.
      if (chat.status !== 'active') {
        throw new HybridChatError('CONFLICT', 'files can be shared once an agent has joined the chat');
      }
      if (body.length === 0) throw new HybridChatError('BAD_REQUEST', 'the file is empty');
      if (body.length > options.maxBytes) {
        throw new HybridChatError('FILE_TOO_LARGE', `files may have at most ${options.maxBytes} bytes`);
      }
      const type = sniffFileType(body);
      if (!type || hasActiveExtension(request.name)) {
        throw new HybridChatError(
          'FILE_TYPE',
          'this kind of file cannot be shared: images (PNG, JPEG, GIF, WebP), PDF and plain text only',
        );
      }
      const name = safeFileName(request.name, type);
      await checkQuota(who, chat.id, body.length);
      const held = pending.get(chat.id) ?? { count: 0, bytes: 0 };
      pending.set(chat.id, { count: held.count + 1, bytes: held.bytes + body.length });
      const id = bytes.newId();
      const info = { id, name, size: body.length, type };
      try {
        await bytes.write(id, body);
        await files.insert({ ...info, chatId: chat.id, clientId: request.clientId, uploader: who });
      } catch (error) {
        // The same upload, retried while the first was being written, won the race.
        await bytes.remove(id);
        const winner = await messages.byClientId(chat.id, request.clientId);
        if (winner) return winner;
        throw error;
      } finally {
        const still = pending.get(chat.id);
        if (still && still.count > 1)
          pending.set(chat.id, { count: still.count - 1, bytes: still.bytes - body.length });
        else pending.delete(chat.id);
      }
      // Every socket gets it, the uploader's too: the upload went over HTTP, not over a socket.
      const { message } = await options.chatLog.post(chat, {
        chatId: chat.id,
        clientId: request.clientId,
        from: { role: who.role, id: who.id, name: who.name },
        kind: 'file',
        text: name,
        file: info,
      });
      return message;
    },

    async link(who: Principal, chatId: string, fileId: string): Promise<FileLinkResponse> {
      return options.links.sign((await ownFile(who, chatId, fileId)).id);
    },

    /** A file by a link's signature: 403 for a forged or expired one, 404 for one that is gone. */
    async bySignedLink(fileId: string, exp: unknown, sig: unknown): Promise<FileRecord> {
      const check = options.links.verify(fileId, exp, sig);
      if (check !== 'ok') {
        throw new HybridChatError(
          'FORBIDDEN',
          check === 'expired' ? 'this link has expired' : 'invalid link',
        );
      }
      const file = bytes.isId(fileId) ? await files.get(fileId) : null;
      if (!file) throw new HybridChatError('NOT_FOUND', 'no such file');
      return file;
    },
  };
}

export type FileService = ReturnType<typeof createFileService>;
