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
}

export function createFileService(options: FileServiceOptions) {
  const { files, bytes, messages } = options;

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
      const id = bytes.newId();
      await bytes.write(id, body);
      const info = { id, name, size: body.length, type };
      try {
        await files.insert({ ...info, chatId: chat.id, clientId: request.clientId, uploader: who });
      } catch (error) {
        // The same upload, retried while the first was being written, won the race.
        await bytes.remove(id);
        const winner = await messages.byClientId(chat.id, request.clientId);
        if (winner) return winner;
        throw error;
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
