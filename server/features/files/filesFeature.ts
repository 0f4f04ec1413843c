/**
 * Sharing files in a chat: uploads over HTTP, typed by their bytes, kept under
 * DATA_DIR/files and posted as `file` messages; downloads through short-lived signed links.
 */
import { join } from 'node:path';
import type { Core, Feature } from '../../core/feature.ts';
import { createFileBytes } from './fileBytes.ts';
import { registerFileRoutes } from './fileRoutes.ts';
import { createFileService } from './fileService.ts';
import { createLinkSigner } from './signedLinks.ts';

/** `tokenSecret`: file links are signed with a key derived from the session tokens' secret. */
export function filesFeature(core: Core, tokenSecret: string): Feature {
  const bytes = createFileBytes(join(core.config.dataDir, 'files'));
  const service = createFileService({
    files: core.storage.files,
    bytes,
    messages: core.storage.messages,
    chats: core.chats,
    chatLog: core.chatLog,
    links: createLinkSigner(tokenSecret, core.config.fileLinkTtlS * 1000),
    maxBytes: core.config.maxUploadBytes,
    quota: {
      filesPerChat: core.config.limits.filesPerChat,
      bytesPerChat: core.config.limits.fileBytesPerChat,
      filesPerCustomerPerDay: core.config.limits.filesPerCustomerPerDay,
    },
    refusals: core.refusals,
  });
  return {
    name: 'files',
    routes(app) {
      registerFileRoutes(app, {
        service,
        files: bytes,
        tokens: core.tokens,
        maxBytes: core.config.maxUploadBytes,
      });
    },
  };
}
