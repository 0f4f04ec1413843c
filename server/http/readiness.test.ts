import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createReadiness, registerHealthProbes } from './readiness.ts';

async function probes(check: () => Promise<unknown>) {
  const app = Fastify();
  const readiness = createReadiness();
  readiness.add('storage', check);
  registerHealthProbes(app, readiness);
  await app.ready();
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
  };
  return { readiness, get, close: () => app.close() };
}

describe('/health/live and /health/ready', () => {
  it('is ready while every check answers, and live regardless', async () => {
    let up = true;
    const { get, close } = await probes(async () => {
      if (!up) throw new Error('database is locked');
    });
    expect(await get('/health/ready')).toEqual({
      status: 200,
      body: { status: 'ready', checks: { storage: 'ok' } },
    });
    up = false;
    expect(await get('/health/ready')).toEqual({
      status: 503,
      body: { status: 'not-ready', checks: { storage: 'error' } },
    });
    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'live' } });
    await close();
  });

  it('is not ready once it drains, though its checks still answer', async () => {
    const { readiness, get, close } = await probes(async () => undefined);
    readiness.drain();
    expect(await get('/health/ready')).toEqual({
      status: 503,
      body: { status: 'draining', checks: { storage: 'ok' } },
    });
    await close();
  });
});
