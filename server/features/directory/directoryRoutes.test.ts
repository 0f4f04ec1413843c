import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenSigner } from '../../auth/tokens.ts';
import { registerDirectoryRoutes } from './directoryRoutes.ts';

let now = 1_000_000;
const tokens = createTokenSigner('directory-test-secret', () => now);
const other = createTokenSigner('another-secret', () => now);
const app = Fastify();
let reads = 0;
const staff = [
  { id: 'agent001', name: 'Ann Lee' },
  { id: 'agent002', name: 'Bob Stone' },
  { id: 'sup01', name: 'Carla Annan' },
];

beforeAll(async () => {
  registerDirectoryRoutes(app, {
    tokens,
    agents: {
      all: async () => {
        reads += 1;
        return staff.map((agent) => ({ ...agent, requestedState: 'READY', stateReason: null, idleSince: 0 }));
      },
    },
    now: () => now,
  });
  await app.ready();
});
afterAll(() => app.close());

const agentToken = (signer = tokens, ttl = 60) =>
  signer.sign({ role: 'agent', sub: 'agent001', name: 'Ann Lee' }, ttl).token;

async function search(q: string, token?: string) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/agent/directory?q=${encodeURIComponent(q)}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  return {
    status: response.statusCode,
    body: response.json<{ agents?: unknown; error?: { code: string } }>(),
  };
}

describe('GET /api/agent/directory', () => {
  it('finds agents by id or name, case-insensitively, for an agent token', async () => {
    const token = agentToken();
    expect((await search('ANN', token)).body).toEqual({
      agents: [
        { id: 'agent001', name: 'Ann Lee' },
        { id: 'sup01', name: 'Carla Annan' },
      ],
    });
    expect((await search('agent002', token)).body).toEqual({
      agents: [{ id: 'agent002', name: 'Bob Stone' }],
    });
    expect((await search('nobody', token)).body).toEqual({ agents: [] });
  });

  it('answers 401 without a token, with a forged, foreign, customer or expired one', async () => {
    expect((await search('ann')).status).toBe(401);
    expect((await search('ann', 'v1.forged.token')).status).toBe(401);
    expect((await search('ann', agentToken(other))).status).toBe(401);
    const customer = tokens.sign({ role: 'customer', sub: 'c1', name: 'Cu' }, 60).token;
    expect((await search('ann', customer)).status).toBe(401);
    const expiring = agentToken(tokens, 1);
    expect((await search('ann', expiring)).status).toBe(200);
    now += 2_000;
    expect((await search('ann', expiring)).status).toBe(401);
  });

  it('refuses an empty or overlong query, and reads the agents again only after a minute', async () => {
    const token = agentToken();
    expect((await search('  ', token)).body.error?.code).toBe('BAD_REQUEST');
    expect((await search('x'.repeat(65), token)).status).toBe(400);
    const before = reads;
    await search('ann', token);
    await search('bob', token);
    expect(reads).toBe(before);
    now += 61_000;
    expect((await search('ann', agentToken())).status).toBe(200);
    expect(reads).toBe(before + 1);
  });
});
