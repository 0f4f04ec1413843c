/** Attachments at rest and in the access log: private modes, and no signed link in any log line. */
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileLinkResponse } from '../../../sdk/core/protocol.ts';
import { closeSockets, finesseHandlers, startTestServer, TEST_STORAGE } from '../../testing/testServer.ts';
import { acceptedChat, getJson, PNG, upload } from './sharingTestKit.ts';

const finesse = setupServer(...finesseHandlers);
beforeAll(() => finesse.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => finesse.close());

const modeOf = (path: string) => statSync(path).mode & 0o777;

// The modes of the SQLite files: with TEST_STORAGE=postgres there are none in DATA_DIR.
describe.skipIf(process.platform === 'win32' || TEST_STORAGE === 'postgres')(
  'DATA_DIR of a running server',
  () => {
    it('is 0700 with 0600 files (database, WAL, SHM, secret, uploads), and logs no signed link', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'hybrid-chat-at-rest-'));
      chmodSync(dataDir, 0o755); // as an administrator's mkdir might leave it
      const lines: string[] = [];
      const logStream = new PassThrough();
      logStream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
      const server = await startTestServer({ logLevel: 'info' }, dataDir, { logStream });
      try {
        const { c, a, chat } = await acceptedChat(server);
        const answer = await upload(server, c.token, chat.id, PNG, 'photo.png');
        const fileId = answer.body.message.file?.id ?? '';
        const link = await getJson<FileLinkResponse>(
          server,
          `/api/chats/${chat.id}/files/${fileId}/link`,
          a.token,
        );
        expect((await fetch(`${server.url}${link.body.path}`)).status).toBe(200);

        expect(modeOf(dataDir)).toBe(0o700);
        expect(modeOf(join(dataDir, 'files'))).toBe(0o700);
        const db = server.config.dbPath;
        for (const file of [
          db,
          `${db}-wal`,
          `${db}-shm`,
          join(dataDir, 'token-secret'),
          join(dataDir, 'files', fileId),
        ])
          expect(modeOf(file), file).toBe(0o600);

        const signature = new URL(link.body.path, server.url).searchParams.get('sig') ?? '';
        expect(signature.length).toBeGreaterThan(10);
        const requestLines = lines.filter((line) => line.includes(`/api/files/${fileId}`));
        expect(requestLines.length).toBeGreaterThan(0);
        expect(lines.filter((line) => line.includes(signature))).toEqual([]);
        expect(requestLines.join('\n')).toContain(`/api/files/${fileId}?exp=…&sig=…`);
        expect(lines.join('\n')).not.toContain('photo.png'); // an upload's file name is a query value too
      } finally {
        closeSockets();
        await server.close();
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  },
);
