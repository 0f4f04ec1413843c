import { describe, expect, it } from 'vitest';
import { askAgent, askCustomer, useTestServer } from '../../testing/testServer.ts';
import { agent, customer, http, ready, startChat } from './testKit.ts';

const ALWAYS = ['00:00-24:00'];
const allWeek = { sun: ALWAYS, mon: ALWAYS, tue: ALWAYS, wed: ALWAYS, thu: ALWAYS, fri: ALWAYS, sat: ALWAYS };
const SETTINGS = {
  defaults: { hours: { timeZone: 'UTC', weekly: allWeek } },
  queues: {
    support: {
      prechat: {
        fields: [
          { name: 'name', required: true },
          { name: 'email', required: true },
          { name: 'phone' },
          {
            name: 'topic',
            required: true,
            options: [
              { value: 'billing', label: { en: 'Billing', de: 'Rechnung' }, queue: 'billing' },
              { value: 'tech', label: 'Technical' },
            ],
          },
        ],
      },
    },
    night: { hours: { timeZone: 'UTC', weekly: {} } },
  },
};

describe('widget config, default settings', () => {
  const server = useTestServer();

  it('asks for the name only and says unstaffed until an agent is READY', async () => {
    const config = await http(`${server().url}/api/widget/config`);
    expect(config.status).toBe(200);
    expect(config.headers.get('cache-control')).toBe('no-store');
    expect(config.json).toEqual({
      queue: 'default',
      prechat: { fields: [{ name: 'name', required: true, maxLength: 80 }] },
      availability: 'unstaffed',
      nextOpenAt: null,
      transcriptEmail: true,
    });

    const a = await agent(server().url);
    expect((await http(`${server().url}/api/widget/config`)).json.availability).toBe('unstaffed');
    await ready(a.socket);
    expect((await http(`${server().url}/api/widget/config?queue=sales`)).json).toMatchObject({
      queue: 'sales',
      availability: 'open',
    });
    await askAgent(a.socket, 'agent:setState', { state: 'NOT_READY' });
    expect((await http(`${server().url}/api/widget/config`)).json.availability).toBe('unstaffed');
  });

  it('refuses a malformed query', async () => {
    expect((await http(`${server().url}/api/widget/config?queue=${encodeURIComponent('<x>')}`)).status).toBe(
      400,
    );
    expect((await http(`${server().url}/api/widget/config?locale=${'x'.repeat(30)}`)).status).toBe(400);
  });

  it('still queues chats without a pre-chat name: the session’s name stands in', async () => {
    const c = await customer(server().url, 'Ada');
    expect(await startChat(c.socket)).toMatchObject({ status: 'queued', preChat: {} });
  });
});

describe('widget config, who answers', () => {
  const server = useTestServer({
    queuesJson: JSON.stringify({
      defaults: {
        team: { name: { en: 'Fibernet Support', de: 'Fibernet-Support' }, avatars: ['MK', 'JS'] },
        greeting: { en: 'Ask us anything.', de: 'Fragen Sie uns.' },
      },
      queues: { night: { hours: { timeZone: 'UTC', weekly: {} } } },
    }),
  });

  it('names the team, its greeting in the asked language, and how soon it replies while open', async () => {
    const before = (await http(`${server().url}/api/widget/config?locale=de`)).json;
    expect(before).toMatchObject({
      availability: 'unstaffed',
      team: { name: 'Fibernet-Support', avatars: ['MK', 'JS'] },
      greeting: 'Fragen Sie uns.',
    });
    // Nobody can take chats: no made-up reply time.
    expect(before.replyEstimate).toBeUndefined();

    const a = await agent(server().url);
    await ready(a.socket);
    const open = (await http(`${server().url}/api/widget/config`)).json;
    expect(open).toMatchObject({ availability: 'open', team: { name: 'Fibernet Support' } });
    // A free agent: the queue's answer time (45 s without history), as a range of whole minutes.
    expect(open.replyEstimate).toEqual({ minS: 0, maxS: 60 });
    const closed = (await http(`${server().url}/api/widget/config?queue=night`)).json;
    expect(closed).toMatchObject({ availability: 'closed', greeting: 'Ask us anything.' });
    expect(closed.replyEstimate).toBeUndefined();
  });
});

describe('widget config, configured queues', () => {
  const server = useTestServer({ queuesJson: JSON.stringify(SETTINGS), whenUnstaffed: 'wait' });

  it('serves the queue’s fields with labels in the asked language', async () => {
    const config = await http(`${server().url}/api/widget/config?queue=support&locale=de`);
    expect(config.json.availability).toBe('open');
    expect(config.json.prechat.fields).toEqual([
      { name: 'name', required: true, maxLength: 80 },
      { name: 'email', required: true, maxLength: 254 },
      { name: 'phone', required: false, maxLength: 32 },
      {
        name: 'topic',
        required: true,
        maxLength: 64,
        options: [
          { value: 'billing', label: 'Rechnung' },
          { value: 'tech', label: 'Technical' },
        ],
      },
    ]);
  });

  it('says closed outside business hours', async () => {
    const config = await http(`${server().url}/api/widget/config?queue=night`);
    expect(config.json).toMatchObject({ availability: 'closed', nextOpenAt: null });
  });

  it('checks the pre-chat values at the start, as the widget does', async () => {
    const c = await customer(server().url, 'Ada');
    const start = (preChat: Record<string, string>) =>
      askCustomer(c.socket, 'chat:start', { clientId: crypto.randomUUID(), queue: 'support', preChat });
    const missing = await start({ name: 'Ada', topic: 'tech' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!missing.ok && missing.error.message).toContain('email (required)');
    const wrong = await start({ name: 'Ada', email: 'ada@', phone: 'call me', topic: 'sales' });
    expect(!wrong.ok && wrong.error.message).toMatch(/email \(email\).*phone \(phone\).*topic \(option\)/);
  });

  it('trims the values and routes a topic to its queue', async () => {
    const c = await customer(server().url, 'Ada');
    const chat = await startChat(c.socket, {
      queue: 'support',
      preChat: { name: ' Ada ', email: ' ada@example.com ', topic: 'billing' },
    });
    expect(chat).toMatchObject({
      queue: 'billing',
      preChat: { name: 'Ada', email: 'ada@example.com', topic: 'billing' },
    });
    // One open chat per session: another topic needs another session (or the first chat's end).
    const d = await customer(server().url, 'Ada');
    const other = await startChat(d.socket, {
      queue: 'support',
      preChat: { email: 'ada@example.com', topic: 'tech' },
    });
    expect(other.queue).toBe('support');
  });

  it('refuses a chat outside business hours', async () => {
    const c = await customer(server().url, 'Ada');
    const result = await askCustomer(c.socket, 'chat:start', {
      clientId: crypto.randomUUID(),
      queue: 'night',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!result.ok && result.error.message).toMatch(/^queue-closed/);
  });
});
