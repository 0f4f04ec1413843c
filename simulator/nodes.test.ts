import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './createSimulator.ts';
import { basic, xmlField } from './testSupport.ts';

// These tests open real listeners on free ports of 127.0.0.1: stopping a node must refuse TCP.
let sim: (Simulator & { url: string; secondaryUrl: string | undefined }) | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start() {
  sim = await startSimulator({ port: 0, secondaryPort: 0, host: '127.0.0.1', logger: false });
  return { sim, primary: sim.url, secondary: sim.secondaryUrl ?? '' };
}

/** 'open' if a TCP connection to the URL's port is accepted, else the error code. */
function tcp(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve('open');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

const control = (base: string, path: string, body?: object) =>
  fetch(`${base}/sim/api${path}`, {
    method: body ? 'POST' : 'GET',
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body && JSON.stringify(body),
  });

describe('publisher and subscriber nodes', () => {
  it('serve one cluster: a sign-in through one node shows on the other', async () => {
    const { primary, secondary } = await start();
    expect(secondary).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(secondary).not.toBe(primary);
    const signIn = await fetch(`${primary}/finesse/api/User/1001`, {
      method: 'PUT',
      headers: { authorization: basic('1001'), 'content-type': 'application/xml' },
      body: '<User><state>LOGIN</state><extension>3001</extension></User>',
    });
    expect(signIn.status).toBe(202);
    const read = await fetch(`${secondary}/finesse/api/User/1001`, {
      headers: { authorization: basic('1001') },
    });
    expect(xmlField(await read.text(), 'state')).toBe('NOT_READY');
    expect(await (await fetch(`${secondary}/desktop/`)).text()).toContain(
      'Cisco Finesse 12.6(1) (simulated)',
    );
  });

  it('report both nodes in SystemInfo, each node its own status', async () => {
    const { primary, secondary } = await start();
    await control(primary, '/nodes/secondary', { status: 'OUT_OF_SERVICE' });
    const fromPrimary = await (await fetch(`${primary}/finesse/api/SystemInfo`)).text();
    const fromSecondary = await (await fetch(`${secondary}/finesse/api/SystemInfo`)).text();
    for (const xml of [fromPrimary, fromSecondary]) {
      expect(xml).toContain(
        `<primaryNode><host>localhost</host><httpsPort>${new URL(primary).port}</httpsPort>`,
      );
      expect(xml).toContain(
        `<secondaryNode><host>localhost</host><httpsPort>${new URL(secondary).port}</httpsPort>`,
      );
    }
    expect(xmlField(fromPrimary, 'status')).toBe('IN_SERVICE');
    expect(xmlField(fromSecondary, 'status')).toBe('OUT_OF_SERVICE');
    // Out of service: SystemInfo answers, the rest is 503 — on that node only.
    const user = (base: string) =>
      fetch(`${base}/finesse/api/User/1001`, { headers: { authorization: basic('1001') } });
    expect((await user(secondary)).status).toBe(503);
    expect((await user(primary)).status).toBe(200);
  });

  it('a stopped node refuses TCP connections; started again it listens on the same port', async () => {
    const { primary, secondary } = await start();
    expect(await tcp(primary)).toBe('open');
    const stopped = await control(secondary, '/nodes/primary', { up: false });
    expect(await stopped.json()).toMatchObject({ name: 'primary', up: false, url: null });
    expect(await tcp(primary)).toBe('ECONNREFUSED');
    // The subscriber keeps serving, and still names the publisher in SystemInfo.
    const info = await (await fetch(`${secondary}/finesse/api/SystemInfo`)).text();
    expect(xmlField(info, 'status')).toBe('IN_SERVICE');
    expect(info).toContain(`<httpsPort>${new URL(primary).port}</httpsPort>`);
    expect(await (await control(secondary, '/nodes')).json()).toMatchObject([
      { name: 'primary', up: false },
      { name: 'secondary', up: true },
    ]);

    const started = await control(secondary, '/nodes/primary', { up: true });
    expect(await started.json()).toMatchObject({ name: 'primary', up: true, url: primary });
    expect(await tcp(primary)).toBe('open');
    expect((await fetch(`${primary}/finesse/api/SystemInfo`)).status).toBe(200);
  });

  it('a node stopped through itself answers first, then refuses', async () => {
    const { secondary } = await start();
    const res = await control(secondary, '/nodes/secondary', { up: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: 'secondary', up: false });
    expect(await tcp(secondary)).toBe('ECONNREFUSED');
  });

  it('stopping a node cuts the notification streams it carries', async () => {
    const { primary, secondary } = await start();
    const stream = await fetch(`${primary}/sim/notifications/User/1001`, {
      headers: { authorization: basic('1001') },
    });
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // retry + connected
    await control(secondary, '/nodes/primary', { up: false });
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toThrow();
  });

  it('reset starts every stopped node again', async () => {
    const { primary, secondary } = await start();
    await control(secondary, '/nodes/primary', { up: false });
    expect((await control(secondary, '/reset', {})).status).toBe(204);
    expect(await tcp(primary)).toBe('open');
  });
});
