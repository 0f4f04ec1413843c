import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { limitsEnvSchema } from './limitsConfig.ts';
import { DEFAULT_LIMITS } from './testLimits.ts';

const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const table = readme.slice(readme.indexOf('### Limits'), readme.indexOf('## Queues and routing'));

describe('the README limits table', () => {
  it('names every LIMIT_ variable, and no other', () => {
    const named = new Set([...table.matchAll(/`(LIMIT_[A-Z_]+)`/g)].map((match) => match[1]));
    expect([...named].sort()).toEqual(Object.keys(limitsEnvSchema.shape).sort());
  });

  it('gives the defaults the server uses', () => {
    const row = (variable: string) =>
      table.split('\n').find((line) => line.includes(`\`${variable}\``)) ?? '';
    expect(row('LIMIT_SESSIONS_PER_IP_BURST')).toContain(
      `\`${DEFAULT_LIMITS.sessionsPerIp.burst}\` / \`${DEFAULT_LIMITS.sessionsPerIp.perS * 60}\``,
    );
    expect(row('LIMIT_MESSAGES_BURST')).toContain(
      `\`${DEFAULT_LIMITS.messages.burst}\` / \`${DEFAULT_LIMITS.messages.perS}\``,
    );
    expect(row('LIMIT_TRANSCRIPTS_PER_ADDRESS_PER_DAY')).toContain(
      `\`${DEFAULT_LIMITS.transcriptsPerAddressPerDay}\``,
    );
    expect(row('LIMIT_FILES_PER_CHAT')).toContain(
      `\`${DEFAULT_LIMITS.filesPerChat}\` / \`${DEFAULT_LIMITS.fileBytesPerChat}\``,
    );
    expect(row('LIMIT_SIGNIN_FAILURES_PER_AGENT')).toContain(
      `\`${DEFAULT_LIMITS.signIn.failuresPerAgent}\` / \`${DEFAULT_LIMITS.signIn.failuresPerIp}\` / \`${DEFAULT_LIMITS.signIn.maxDelayS}\``,
    );
  });
});
