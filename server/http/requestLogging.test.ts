import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/testServer.ts';

function capture(): { stream: Writable; lines: () => string[] } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, lines: () => text.split('\n').filter(Boolean) };
}

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('request logging', () => {
  it('writes a line per request by default, and none with LOG_REQUESTS=false (the demo)', async () => {
    const on = capture();
    server = await startTestServer({ logLevel: 'info' }, undefined, { logStream: on.stream });
    await fetch(`${server.url}/health`);
    expect(on.lines().some((line) => line.includes('"url":"/health"'))).toBe(true);
    await server.close();

    const off = capture();
    server = await startTestServer({ logLevel: 'info', logRequests: false }, undefined, {
      logStream: off.stream,
    });
    await fetch(`${server.url}/health`);
    expect(off.lines().some((line) => line.includes('/health'))).toBe(false);
  });
});
