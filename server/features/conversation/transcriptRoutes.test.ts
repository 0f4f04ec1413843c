import { describe, expect, it } from 'vitest';
import type { Mail } from './mailTransport.ts';
import type { ChatOffer } from '../../../sdk/core/protocol.ts';
import { askAgent, next, unwrap, useTestServer } from '../../testing/testServer.ts';
import { agent, customer, http, readyAndAccept, say, startChat } from './testKit.ts';
import { EMAIL_LIMITS } from './transcriptRoutes.ts';

const sent: Mail[] = [];
const server = useTestServer({}, { mailTransport: { send: async (mail) => void sent.push(mail) } });

async function endedChat() {
  const c = await customer(server().url, 'Dana Whitfield');
  const chat = await startChat(c.socket);
  const a = await agent(server().url);
  await readyAndAccept(a.socket);
  await say(c.socket, chat.id, 'My router <script>alert(1)</script> blinks');
  await say(a.socket, chat.id, 'Please unplug it.');
  unwrap(await askAgent(a.socket, 'chat:end', { chatId: chat.id }));
  return { c, a, chat };
}

const transcriptUrl = (chatId: string, query = '') =>
  `${server().url}/api/customer/chats/${chatId}/transcript${query}`;

describe('transcript download', () => {
  it('gives the customer their chat as a text file with a safe name', async () => {
    const { c, chat } = await endedChat();
    const answer = await http(transcriptUrl(chat.id, '?timeZone=UTC'), { token: c.token });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toMatch(
      /^attachment; filename="chat-transcript-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.txt"$/,
    );
    expect(answer.text).toContain('Dana Whitfield: My router <script>alert(1)</script> blinks');
    expect(answer.text).toContain('Alice Nguyen: Please unplug it.');
    expect(answer.text).toContain('— Alice Nguyen joined the chat');
  });

  it('escapes the HTML version and speaks the asked language', async () => {
    const { c, chat } = await endedChat();
    const answer = await http(transcriptUrl(chat.id, '?format=html&locale=de'), { token: c.token });
    expect(answer.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toMatch(/\.html"$/);
    // A document, not an app: nothing may run or load in it, even opened in the browser.
    expect(answer.headers.get('content-security-policy')).toMatch(
      /^default-src 'none';.*frame-ancestors 'none'$/,
    );
    expect(answer.headers.get('content-security-policy')).not.toContain('script-src');
    expect(answer.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(answer.text).not.toContain('<script>');
    expect(answer.text).toContain('Chatverlauf');
  });

  it('is only for the chat’s own customer, with a token in the header', async () => {
    const { chat, a, c } = await endedChat();
    expect((await http(transcriptUrl(chat.id))).status).toBe(401);
    expect((await http(transcriptUrl(chat.id), { token: a.token })).status).toBe(401);
    const stranger = await customer(server().url, 'Eve');
    expect((await http(transcriptUrl(chat.id), { token: stranger.token })).status).toBe(404);
    expect((await http(transcriptUrl('no-such-chat'), { token: stranger.token })).status).toBe(404);
    const bad = await http(transcriptUrl(chat.id, '?format=pdf'), { token: c.token });
    expect(bad.status).toBe(400);
  });
});

describe('transcript email', () => {
  const email = (chatId: string, token: string, body: Record<string, unknown>) =>
    http(`${transcriptUrl(chatId)}/email`, { token, body });

  it('mails the transcript through the mail transport', async () => {
    sent.length = 0;
    const { c, chat } = await endedChat();
    const answer = await email(chat.id, c.token, {
      email: ' dana@example.com ',
      locale: 'en',
      timeZone: 'UTC',
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ sent: true });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      to: 'dana@example.com',
      from: 'Hybrid Chat <no-reply@localhost>',
      subject: 'Your chat transcript',
    });
    expect(sent[0]?.text).toContain('Here is the transcript of your chat with us.');
    expect(sent[0]?.text).toContain('Please unplug it.');
    expect(sent[0]?.html).toContain('&lt;script&gt;');
    // Whoever receives it learns who asked: the one who started the chat, by the name they gave.
    expect(sent[0]?.text).toMatch(
      /This copy was requested for this address by Dana Whitfield, who started the chat on .+\. If you did not expect it/,
    );
    expect(sent[0]?.html).toContain(
      '<p class="note">This copy was requested for this address by Dana Whitfield',
    );
  });

  it('mails only a chat an agent took part in: a waiting chat is no relay', async () => {
    const c = await customer(server().url, 'Spammer');
    const chat = await startChat(c.socket);
    await say(c.socket, chat.id, 'Buy cheap watches at example.net');
    const answer = await email(chat.id, c.token, { email: 'someone@example.com' });
    expect(answer.status).toBe(409);
    expect(answer.json.error.message).toBe('only a chat an agent took part in can be emailed');
  });

  it('sends an address a few transcripts a day, whoever asks and however it is spelled', async () => {
    sent.length = 0;
    const spellings = [
      'victim@example.com',
      'Victim@Example.com',
      'victim+1@example.com',
      'victim+2@example.com',
    ];
    const a = await agent(server().url);
    unwrap(await askAgent(a.socket, 'agent:setState', { state: 'READY' }));
    // A new customer session and chat each time, taken and ended by the agent.
    const mailFromNewChat = async (address: string) => {
      const c = await customer(server().url, 'Dana Whitfield');
      const offered = next<ChatOffer>(a.socket, 'offer:new');
      const chat = await startChat(c.socket);
      unwrap(await askAgent(a.socket, 'offer:accept', { chatId: (await offered).chatId }));
      unwrap(await askAgent(a.socket, 'chat:end', { chatId: chat.id }));
      return (await email(chat.id, c.token, { email: address })).status;
    };
    const statuses = [];
    for (const address of spellings) statuses.push(await mailFromNewChat(address));
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(sent).toHaveLength(3);
    expect(await mailFromNewChat('someone.else@example.com')).toBe(200);
    const health = await http(`${server().url}/health`);
    expect(health.json.limits.refused.transcriptsPerAddress).toBe(1);
  });

  it('refuses a wrong address and strangers', async () => {
    const { c, chat } = await endedChat();
    expect((await email(chat.id, c.token, { email: 'dana@' })).status).toBe(400);
    expect((await email(chat.id, c.token, { email: 'dana@example.com\r\nBcc: x@y.z' })).status).toBe(400);
    const stranger = await customer(server().url, 'Eve');
    expect((await email(chat.id, stranger.token, { email: 'eve@example.com' })).status).toBe(404);
  });

  it('limits the emails per chat', async () => {
    const { c, chat } = await endedChat();
    for (let i = 0; i < EMAIL_LIMITS.perChat.limit; i++) {
      expect((await email(chat.id, c.token, { email: 'dana@example.com' })).status).toBe(200);
    }
    const limited = await email(chat.id, c.token, { email: 'dana@example.com' });
    expect(limited.status).toBe(429);
  });
});

describe('transcript email turned off', () => {
  const off = useTestServer({ mailTransport: 'none' });

  it('says so in the widget config and refuses to send', async () => {
    expect((await http(`${off().url}/api/widget/config`)).json.transcriptEmail).toBe(false);
    const c = await customer(off().url);
    const chat = await startChat(c.socket);
    const answer = await http(`${off().url}/api/customer/chats/${chat.id}/transcript/email`, {
      token: c.token,
      body: { email: 'dana@example.com' },
    });
    expect(answer.status).toBe(403);
  });
});
