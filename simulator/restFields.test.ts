import { afterEach, describe, expect, it } from 'vitest';
import type { Simulator } from './createSimulator.ts';
import { skillTargetId } from './finesseXml.ts';
import { basic, signIn, simPost, testSimulator, xmlField, xmlHeaders } from './testSupport.ts';

/**
 * Fields of Cisco's Finesse Web Services Developer Guide objects that third-party gadgets read
 * (SystemInfo, User, Dialog), beyond the ones the chat product itself needs.
 */
let sim: Simulator;
afterEach(async () => sim?.close());

/** The text of `parent/child` (one level), or undefined when either is missing. */
function childText(xml: string, parent: string, child: string): string | undefined {
  const inner = new RegExp(`<${parent}>([\\s\\S]*?)</${parent}>`).exec(xml)?.[1];
  return inner === undefined ? undefined : xmlField(inner, child);
}

describe('SystemInfo CTI, license and node fields', () => {
  it('reports the CTI link (version, heartbeat, peripheral, both CTI servers) on UCCE', async () => {
    sim = testSimulator({ nodes: { primary: { host: 'fin-a.test' }, secondary: { host: 'fin-b.test' } } });
    const { body } = await sim.app.inject({ method: 'GET', url: '/finesse/api/SystemInfo' });
    expect(xmlField(body, 'ctiVersion')).toBe('24');
    expect(xmlField(body, 'lastCTIHeartbeatStatus')).toBe('success');
    expect(Number(xmlField(body, 'lastSuccessCTIHeartbeatTime'))).toBeGreaterThan(0);
    expect(xmlField(body, 'ctiHeartbeatInterval')).toBe('30');
    expect(xmlField(body, 'peripheralId')).toBe('5000');
    expect(xmlField(body, 'license')).toBe('');
    expect(childText(body, 'primaryNode', 'xmppSecurePort')).toBe('5223');
    const servers = [...body.matchAll(/<ctiServer>([\s\S]*?)<\/ctiServer>/g)].map(([, server = '']) => ({
      host: xmlField(server, 'host'),
      active: xmlField(server, 'active'),
    }));
    expect(servers).toEqual([
      { host: 'fin-a.test', active: 'true' },
      { host: 'fin-b.test', active: 'false' },
    ]);
  });

  it('has a license and no peripheral or CTI servers on UCCX', async () => {
    sim = testSimulator({ deploymentType: 'UCCX' });
    const { body } = await sim.app.inject({ method: 'GET', url: '/finesse/api/SystemInfo' });
    expect(xmlField(body, 'license')).toBe('PREMIUM');
    expect(xmlField(body, 'peripheralId')).toBe('');
    expect(body).not.toContain('<ctiServers>');
  });
});

async function userXml(id: string): Promise<string> {
  const res = await sim.app.inject({
    method: 'GET',
    url: `/finesse/api/User/${id}`,
    headers: { authorization: basic(id) },
  });
  return res.body;
}

describe('User fields', () => {
  it('has mediaType, skillTargetId, an empty mobileAgent and deviceSelection', async () => {
    sim = testSimulator();
    const body = await userXml('1001');
    expect(xmlField(body, 'mediaType')).toBe('1');
    expect(xmlField(body, 'skillTargetId')).toBe(skillTargetId('1001'));
    expect(skillTargetId('1001')).toBe('6001');
    expect(childText(body, 'mobileAgent', 'mode')).toBe('');
    expect(childText(body, 'mobileAgent', 'dialNumber')).toBe('');
    expect(childText(body, 'settings', 'deviceSelection')).toBe('disabled');
  });

  it('says whether the reason code is a system code', async () => {
    sim = testSimulator();
    await signIn(sim, '1001');
    await sim.app.inject({
      method: 'PUT',
      url: '/finesse/api/User/1001',
      headers: xmlHeaders('1001'),
      payload: '<User><state>NOT_READY</state><reasonCodeId>2</reasonCodeId></User>',
    });
    const body = await userXml('1001');
    expect(childText(body, 'ReasonCode', 'label')).toBe('Lunch');
    expect(childText(body, 'ReasonCode', 'systemCode')).toBe('false');
  });
});

/** Rings agent 1001 and reads the dialog back over REST. */
async function ringAndRead(type: 'inbound' | 'direct'): Promise<{ id: string; body: string }> {
  const rung = await simPost(sim, '/users/1001/calls', { type });
  const { id } = rung.json<{ id: string }>();
  const { body } = await sim.app.inject({
    method: 'GET',
    url: `/finesse/api/Dialog/${id}`,
    headers: { authorization: basic('1001') },
  });
  return { id, body };
}

describe('Dialog fields', () => {
  it('an inbound call has its queue, the call key, mediaId and the empty outbound-only fields', async () => {
    sim = testSimulator();
    await signIn(sim, '1001', 'READY');
    const { id, body } = await ringAndRead('inbound');
    expect(childText(body, 'mediaProperties', 'queueNumber')).toBe('5022');
    expect(childText(body, 'mediaProperties', 'queueName')).toBe('Hybrid_Chat.Voice.SG');
    expect(childText(body, 'mediaProperties', 'mediaId')).toBe('1');
    expect(childText(body, 'mediaProperties', 'callKeyCallId')).toBe(id);
    expect(childText(body, 'mediaProperties', 'callKeySequenceNum')).toBe('1');
    expect(childText(body, 'mediaProperties', 'callKeyPrefix')).toMatch(/^\d{5}$/);
    expect(childText(body, 'mediaProperties', 'wrapUpReason')).toBe('');
    expect(childText(body, 'Dialog', 'secondaryId')).toBe('');
    expect(childText(body, 'Dialog', 'scheduledCallbackInfo')).toBe('');
  });

  it('a direct call from a colleague goes through no queue', async () => {
    sim = testSimulator();
    await signIn(sim, '1001');
    const { body } = await ringAndRead('direct');
    expect(childText(body, 'mediaProperties', 'queueNumber')).toBe('');
    expect(childText(body, 'mediaProperties', 'queueName')).toBe('');
  });
});
