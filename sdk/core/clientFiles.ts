/**
 * The chat client's attachments: a file becomes a pending `file` message at once (with upload
 * progress), goes up over the file port (HTTP), and is replaced by the server's message when
 * stored. A failed upload keeps its bytes for `retry`, with the same client id, so the server never
 * stores it twice. Type and size are checked here first (the server checks again: it decides).
 * Signed links to fetch files are cached until shortly before they expire.
 */
import { HybridChatError } from './errors.ts';
import { hasActiveExtension, safeFileName, SNIFF_BYTES, sniffFileType } from './fileTypes.ts';
import type { LocalMessage } from './chatTypes.ts';
import type { ChatMessage, ParticipantRef } from './protocol.ts';

/** What the client needs of `createFileApi` (sdk/transport/fileApi.ts). */
export interface FilePort {
  upload(request: {
    chatId: string;
    clientId: string;
    name: string;
    body: Blob;
    onProgress?: (sent: number, total: number) => void;
  }): Promise<ChatMessage>;
  link(chatId: string, fileId: string): Promise<{ url: string; expiresAt: number }>;
}

export interface ClientFilesOptions {
  port: FilePort | undefined;
  self: ParticipantRef;
  maxBytes: number;
  createId(): string;
  now(): number;
  addPending(message: LocalMessage): void;
  progress(chatId: string, clientId: string, uploaded: number): void;
  /** Back to `pending` (a retry) or `failed` with the reason. */
  setState(chatId: string, clientId: string, state: 'pending' | HybridChatError): void;
  stored(message: ChatMessage): void;
  report(error: HybridChatError): void;
}

/** A link is used only while it has at least this long to live. */
const LINK_MARGIN_MS = 30_000;

async function readHead(file: Blob): Promise<Uint8Array> {
  const head = file.slice(0, SNIFF_BYTES);
  if (typeof head.arrayBuffer === 'function') return new Uint8Array(await head.arrayBuffer());
  // jsdom's Blob has no arrayBuffer(); browsers and Node do.
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(head);
  });
}

export function createClientFiles(options: ClientFilesOptions) {
  const waiting = new Map<string, { message: LocalMessage; body: Blob }>();
  const links = new Map<string, Promise<{ url: string; expiresAt: number }>>();
  const key = (chatId: string, clientId: string) => `${chatId}\n${clientId}`;

  function port(): FilePort {
    if (!options.port) throw new HybridChatError('BAD_REQUEST', 'this client was set up without attachments');
    return options.port;
  }

  function upload(message: LocalMessage, body: Blob): void {
    const { chatId, clientId } = message;
    port()
      .upload({
        chatId,
        clientId,
        name: message.file?.name ?? message.text,
        body,
        onProgress: (sent) => options.progress(chatId, clientId, sent),
      })
      .then(
        (stored) => {
          waiting.delete(key(chatId, clientId));
          options.stored(stored);
        },
        (error: unknown) => {
          const problem =
            error instanceof HybridChatError ? error : new HybridChatError('INTERNAL', String(error));
          options.setState(chatId, clientId, problem);
          options.report(problem);
        },
      );
  }

  /** A signed URL for the file, valid for a few minutes (cached while it has time left). */
  function link(chatId: string, fileId: string): Promise<{ url: string; expiresAt: number }> {
    const cacheKey = key(chatId, fileId);
    const cached = links.get(cacheKey);
    if (cached) {
      return cached.then((known) => {
        if (known.expiresAt - options.now() > LINK_MARGIN_MS) return known;
        if (links.get(cacheKey) === cached) links.delete(cacheKey);
        return link(chatId, fileId);
      });
    }
    const fresh = port().link(chatId, fileId);
    links.set(cacheKey, fresh);
    fresh.catch(() => {
      if (links.get(cacheKey) === fresh) links.delete(cacheKey);
    });
    return fresh;
  }

  return {
    /** Checks the file, shows it as pending and uploads it; throws FILE_TOO_LARGE / FILE_TYPE / BAD_REQUEST at once. */
    async send(chatId: string, body: Blob, rawName: string): Promise<LocalMessage> {
      port();
      if (body.size === 0) throw new HybridChatError('BAD_REQUEST', 'the file is empty');
      if (body.size > options.maxBytes) {
        throw new HybridChatError('FILE_TOO_LARGE', `files may have at most ${options.maxBytes} bytes`);
      }
      const type = sniffFileType(await readHead(body), body.size <= SNIFF_BYTES);
      if (!type || hasActiveExtension(rawName)) {
        throw new HybridChatError('FILE_TYPE', 'only images (PNG, JPEG, GIF, WebP), PDF and text files');
      }
      const name = safeFileName(rawName, type);
      const message: LocalMessage = {
        chatId,
        seq: null,
        clientId: options.createId(),
        from: options.self,
        kind: 'file',
        text: name,
        file: { id: '', name, size: body.size, type },
        sentAt: options.now(),
        delivery: 'pending',
        uploaded: 0,
      };
      waiting.set(key(chatId, message.clientId), { message, body });
      options.addPending(message);
      upload(message, body);
      return message;
    },

    /** Uploads a failed file again (same client id); false when it is not one of ours. */
    retry(chatId: string, clientId: string): boolean {
      const entry = waiting.get(key(chatId, clientId));
      if (!entry) return false;
      options.setState(chatId, clientId, 'pending');
      upload(entry.message, entry.body);
      return true;
    },

    forgetChat(chatId: string): void {
      for (const [entryKey, entry] of waiting) if (entry.message.chatId === chatId) waiting.delete(entryKey);
    },

    link,
  };
}

export type ClientFiles = ReturnType<typeof createClientFiles>;
