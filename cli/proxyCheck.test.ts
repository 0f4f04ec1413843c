import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess } from './testing/runInProcess.ts';

const SEED_003 = join(import.meta.dirname, 'testing/seed003.map');
const STICKY_MAP = `# Two chat servers behind one external host:port, one Finesse node
chat1.internal:8444=chat.example.com:8443
chat2.internal:8444=chat.example.com:8443

finesse1.internal:8445=finesse.example.com:443  # publisher
`;

describe('proxy check', () => {
  it("accepts Cisco's example map verbatim and lists every entry", async () => {
    const result = await runInProcess(['proxy', 'check', SEED_003]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(`${SEED_003}: valid, 7 entries, 7 external host:ports`);
    expect(result.stdout).toMatch(/line +1 +finesse1\.internal\.com:8445 +-> finesse1\.xyz\.com:443/);
    expect(result.stdout).toMatch(/line +7 +cuicsub\.internal\.com:8444 +-> cuicsub\.xyz:8444/);
    expect(result.stdout).toContain('no sticky groups');
  });

  it('names the right-hand sides that repeat as sticky groups, with their lines', async () => {
    const result = await runInProcess(['proxy', 'check', '-'], STICKY_MAP);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('<stdin>: valid, 3 entries, 2 external host:ports');
    expect(result.stdout).toContain('Sticky groups (1)');
    expect(result.stdout).toContain(
      'chat.example.com:8443 <- chat1.internal:8444 (line 2), chat2.internal:8444 (line 3)',
    );
    expect(result.stdout).not.toMatch(/finesse\.example\.com:443 <-/);
  });

  it('prints every problem with its line number and exits 1', async () => {
    const bad = [
      'finesse1.internal.com:8445=finesse1.xyz.com:443',
      'finesse2.internal.com=finesse2.xyz.com:443',
      '',
      'idp.internal.com:443=idp.xyz.com:70000',
      'finesse1.internal.com:8445=other.xyz.com:443',
      'no equals sign here',
      'bad_host:1=ok.xyz.com:2',
    ].join('\n');
    const result = await runInProcess(['proxy', 'check', '-'], bad);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const problems = result.stderr.split('\n').filter((line) => line.startsWith('<stdin>:'));
    expect(problems).toEqual([
      '<stdin>:2: internal side: missing port in "finesse2.internal.com"',
      '<stdin>:4: external side: port 70000 is out of range 1..65535',
      '<stdin>:5: duplicate internal finesse1.internal.com:8445 (first on line 1)',
      '<stdin>:6: missing "=" in "no equals sign here"',
      '<stdin>:7: internal side: bad host "bad_host"',
      '<stdin>: 5 problems, the map is not valid',
    ]);
    // The offending line is quoted under its message.
    expect(result.stderr).toContain(
      '<stdin>:4: external side: port 70000 is out of range 1..65535\n    idp.internal.com:443=idp.xyz.com:70000\n',
    );
  });

  it('rejects a map with no entries', async () => {
    const result = await runInProcess(['proxy', 'check', '-'], '# nothing yet\n\n');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('<stdin>: no entries');
  });

  it('reports a file that cannot be read with exit 1', async () => {
    const result = await runInProcess(['proxy', 'check', '/nonexistent/proxymap.txt']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('/nonexistent/proxymap.txt: cannot read (no such file)');
  });

  it.each([
    [['proxy', 'check'], 'missing <map>'],
    [['proxy', 'check', 'a.map', 'b.map'], 'unexpected argument b.map'],
    [['proxy', 'check', '--verbose', 'a.map'], "Unknown option '--verbose'"],
    [['proxy', 'lint', 'a.map'], 'unknown command "proxy lint"'],
    [['serve'], 'unknown command "serve"'],
  ])('exits 2 on the usage error %j', async (argv, message) => {
    const result = await runInProcess(argv);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('--help" for usage');
  });

  it.each([
    [['--help'], 'Usage: hybrid-chat <command>'],
    [['proxy', '--help'], 'Usage: hybrid-chat proxy <check|nginx>'],
    [['proxy', 'check', '--help'], 'Usage: hybrid-chat proxy check <map>'],
    [['proxy', 'nginx', '-h'], 'Usage: hybrid-chat proxy nginx <map> [options]'],
  ])('prints help for %j and exits 0', async (argv, first) => {
    const result = await runInProcess(argv);
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith(first)).toBe(true);
  });

  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as {
      version: string;
    };
    expect(await runInProcess(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });
});

describe('proxy check <url>', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

  /** Serves `/proxymap.txt` on 127.0.0.1, as the web server Finesse polls would. */
  async function serve(body: string): Promise<string> {
    server = createServer((request, response) => {
      if (request.url === '/proxymap.txt')
        response.writeHead(200, { 'content-type': 'text/plain' }).end(body);
      else response.writeHead(404).end();
    });
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', listening));
    const address = server.address();
    return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  it('fetches and validates a hosted map', async () => {
    const base = await serve(readFileSync(SEED_003, 'utf8'));
    const result = await runInProcess(['proxy', 'check', `${base}/proxymap.txt`]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${base}/proxymap.txt: valid, 7 entries`);
  });

  it('reports problems of a hosted map against its URL', async () => {
    const base = await serve('finesse1.internal.com:8445=finesse1.xyz.com\n');
    const result = await runInProcess(['proxy', 'check', `${base}/proxymap.txt`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${base}/proxymap.txt:1: external side: missing port in "finesse1.xyz.com"`,
    );
  });

  it('exits 1 when the URL answers with an error', async () => {
    const base = await serve('');
    const result = await runInProcess(['proxy', 'check', `${base}/missing.txt`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${base}/missing.txt: HTTP 404`);
  });
});
