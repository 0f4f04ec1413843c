/**
 * The generated configurations pass a real `nginx -t`, in
 * both forms, for Cisco's example map ("Cisco Finesse VPN-less access") and for a map with a sticky chat group.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseProxyMap } from '../sdk/core/proxyMap.ts';
import { nginxTest, requireNginx, selfSignedCerts, withLoopbackUpstreams } from './testing/nginx.ts';
import { runInProcess } from './testing/runInProcess.ts';

const SEED_003 = join(import.meta.dirname, 'testing/seed003.map');

let dir: string;
beforeEach(() => {
  requireNginx();
  dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-nginx-'));
  mkdirSync(join(dir, 'certs'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `proxy nginx` on a map file, with certificates for all its external hosts. */
async function generate(mapFile: string, args: string[]): Promise<string> {
  const map = parseProxyMap(readFileSync(mapFile, 'utf8'));
  selfSignedCerts(join(dir, 'certs'), [...new Set(map.entries.map((entry) => entry.external.host))]);
  const result = await runInProcess(['proxy', 'nginx', mapFile, '--cert-dir', join(dir, 'certs'), ...args]);
  expect(result.code, result.stderr).toBe(0);
  return withLoopbackUpstreams(result.stdout);
}

function expectValid(conf: string): void {
  const result = nginxTest(dir, conf);
  expect(result.output).toContain('test is successful');
  expect(result.status).toBe(0);
}

describe('nginx -t on generated configurations', () => {
  it("accepts the standalone nginx.conf for Cisco's example proxy-config map", async () => {
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, await generate(SEED_003, ['--standalone', '--prefix', dir, '--foreground']));
    expectValid(conf);
  });

  it("accepts the http {} include for Cisco's example map inside a minimal nginx.conf", async () => {
    writeFileSync(
      join(dir, 'hybrid-chat.conf'),
      await generate(SEED_003, ['--cache-dir', join(dir, 'cache')]),
    );
    const conf = join(dir, 'nginx.conf');
    writeFileSync(
      conf,
      [
        `pid ${dir}/nginx.pid;`,
        `error_log ${dir}/error.log;`,
        'events {}',
        'http {',
        `    access_log ${dir}/access.log;`,
        ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
          (kind) => `    ${kind}_temp_path ${dir}/${kind};`,
        ),
        `    include ${dir}/hybrid-chat.conf;`,
        '}',
        '',
      ].join('\n'),
    );
    expectValid(conf);
  });

  it('accepts a sticky chat group, an IP host, plain-HTTP chat upstreams and upstream verification', async () => {
    const mapFile = join(dir, 'proxymap.txt');
    writeFileSync(
      mapFile,
      [
        '# chat servers, sticky behind one external host:port',
        'chat1.internal.com:8444=chat.xyz.com:8443',
        'chat2.internal.com:8444=chat.xyz.com:8443',
        'finesse1.internal.com:8445=finesse1.xyz.com:443',
        'cuicpub.internal.com:8444=203.0.113.7:8444',
        '',
      ].join('\n'),
    );
    selfSignedCerts(dir, ['internal-ca']); // any PEM certificate will do as the CA file for -t
    const text = await generate(mapFile, [
      '--chat',
      'chat.xyz.com:8443',
      '--chat-scheme',
      'http',
      '--upstream-ca',
      join(dir, 'internal-ca.crt'),
      '--listen',
      '127.0.0.1',
      '--listen',
      '::1',
      '--no-http2',
      '--max-body-size',
      '10m',
      '--standalone',
      '--prefix',
      dir,
    ]);
    expect(text).toContain('hash $remote_addr consistent;');
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, text);
    expectValid(conf);
  });

  it('fails when a certificate the configuration names is missing (the check is real)', async () => {
    const conf = join(dir, 'nginx.conf');
    writeFileSync(conf, await generate(SEED_003, ['--standalone', '--prefix', dir]));
    unlinkSync(join(dir, 'certs/idp.xyz.com.crt'));
    const result = nginxTest(dir, conf);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('idp.xyz.com.crt');
  });
});
