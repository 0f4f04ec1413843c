import { PassThrough } from 'node:stream';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { createChatServer } from '../../createServer.ts';
import { FINESSE_URL, basic, finesseHandlers } from '../../testing/testServer.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** What a broken or hostile Finesse might answer to `GET /finesse/api/User/{id}`. */
const HOSTILE: Record<string, string> = {
  'entity expansion': `<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><User><loginId>&b;</loginId></User>`,
  'external entity': `<!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]><User><loginId>&x;</loginId></User>`,
  malformed: '<User><loginId>1001</User>',
  oversized: `<User><loginId>1001</loginId><x>${'a'.repeat(400_000)}</x></User>`,
  'not a user': '<html><body>Proxy login</body></html>',
};

let answer = '';
const finesse = setupServer(
  http.get(
    `${FINESSE_URL}/finesse/api/User/:id`,
    () => new HttpResponse(answer, { headers: { 'Content-Type': 'application/xml' } }),
  ),
  ...finesseHandlers,
);
beforeAll(() => finesse.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => finesse.close());

describe('hostile XML from Finesse', () => {
  it.each(Object.keys(HOSTILE))(
    '%s: sign-in fails with a typed error and a log line, the server lives on',
    async (name) => {
      answer = HOSTILE[name]!;
      const lines: string[] = [];
      const logStream = new PassThrough();
      logStream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
      const dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-hostile-'));
      const config = loadConfig(
        {},
        {
          port: 0,
          host: '127.0.0.1',
          dataDir: dir,
          dbPath: join(dir, 'chat.db'),
          finesseUrl: FINESSE_URL,
          logLevel: 'warn',
        },
      );
      const server = await createChatServer(config, { logStream });
      const { url } = await server.listen();
      try {
        const response = await fetch(`${url}/api/agent/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ agentId: '1001', authorization: basic('1001', 'pass1001') }),
        });
        expect(response.status).toBe(502);
        expect(await response.json()).toMatchObject({ error: { code: 'FINESSE' } });
        expect((await fetch(`${url}/health`)).status).toBe(200);
        const logged = lines.map((line) => JSON.parse(line) as { msg: string; err?: { type: string } });
        expect(logged).toContainEqual(
          expect.objectContaining({
            msg: 'Finesse user check failed',
            err: expect.objectContaining({ type: 'FinesseError' }),
          }),
        );
      } finally {
        await server.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
