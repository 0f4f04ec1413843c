import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from './testing/runInProcess.ts';

const SEED_003 = join(import.meta.dirname, 'testing/seed003.map');
const CHAT_MAP = 'chat1.internal:8444=chat.example.com:8443\nchat2.internal:8444=chat.example.com:8443\n';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('proxy nginx', () => {
  it('prints the configuration for a map from standard input, named in its header', async () => {
    const result = await runInProcess(['proxy', 'nginx', '-', '--chat', 'chat.example.com:8443'], CHAT_MAP);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('from <stdin> (2 map lines)');
    expect(result.stdout).toContain('upstream hybrid_chat_chat_chat_example_com_8443 {');
  });

  it('writes to --output instead of standard output', async () => {
    const output = join(dir, 'hybrid-chat.conf');
    const result = await runInProcess(['proxy', 'nginx', SEED_003, '-o', output]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(readFileSync(output, 'utf8')).toContain('server_name idp.xyz.com;');
  });

  it('notes that without --chat every line is a Finesse or other Cisco host', async () => {
    const result = await runInProcess(['proxy', 'nginx', SEED_003]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('no --chat given');
  });

  it('warns when, as root, the workers could not enter a private prefix', async () => {
    const result = await runInProcess(['proxy', 'nginx', SEED_003, '--standalone', '--prefix', dir]);
    expect(result.code).toBe(0);
    const warned = result.stderr.includes('runs its workers as nobody');
    expect(warned).toBe(process.getuid?.() === 0); // mkdtemp makes 0700 directories
    const withUser = await runInProcess([
      'proxy',
      'nginx',
      SEED_003,
      '--standalone',
      '--prefix',
      dir,
      '--user',
      'root',
    ]);
    expect(withUser.stderr).not.toContain('runs its workers as nobody');
  });

  it('exits 1 for an invalid map, with its line numbers', async () => {
    const result = await runInProcess(['proxy', 'nginx', '-'], 'chat1.internal:8444=chat.example.com:0\n');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('<stdin>:1: external side: port 0 is out of range 1..65535');
  });

  it.each([
    [['--prefix', '/tmp/x'], '--prefix needs --standalone'],
    [['--standalone'], '--standalone needs --prefix'],
    [['--foreground'], '--foreground needs --standalone'],
    [['--chat-scheme', 'ws'], '--chat-scheme ws: use https or http'],
    [['--chat', 'nowhere.internal:1'], '--chat nowhere.internal:1: neither side of any line in the map'],
    [['--listen'], "Option '--listen <value>' argument missing"],
  ])('exits 2 for %j', async (args, message) => {
    const result = await runInProcess(['proxy', 'nginx', SEED_003, ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Run "hybrid-chat proxy nginx --help" for usage.');
  });
});
