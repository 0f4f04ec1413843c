import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { agent, http } from '../conversation/testKit.ts';
import { startTestServer, useTestServer } from '../../testing/testServer.ts';
import {
  CannedConfigError,
  DEMO_CANNED_MESSAGES,
  loadCannedMessages,
  parseCannedMessages,
} from './cannedMessages.ts';

const dir = mkdtempSync(join(tmpdir(), 'hybrid-chat-canned-'));
const file = join(dir, 'canned.json');
writeFileSync(
  file,
  JSON.stringify({
    messages: [
      { shortcode: 'greet', title: 'Hello', text: 'Hi {customerName}, {agentName} here.' },
      { shortcode: 'iban', title: 'Bank details', text: 'Our IBAN is DE00 1234.', queues: ['billing'] },
      { shortcode: 'iban', title: 'Bank (sales)', text: 'Sales IBAN DE00 9999.', queues: ['sales'] },
    ],
  }),
);

describe('canned message configuration', () => {
  it('reads a valid file, defaulting queues to every queue', () => {
    const messages = loadCannedMessages(file);
    expect(messages).toHaveLength(3);
    expect(messages[0]).toEqual({
      shortcode: 'greet',
      title: 'Hello',
      text: 'Hi {customerName}, {agentName} here.',
      queues: [],
    });
  });

  it('takes a title per language, keeping the English one as `title`', () => {
    const [message] = parseCannedMessages(
      JSON.stringify({
        messages: [{ shortcode: 'greet', title: { en: 'Greeting', ar: 'تحية' }, text: 'Hello' }],
      }),
    );
    expect(message).toEqual({
      shortcode: 'greet',
      title: 'Greeting',
      titles: { en: 'Greeting', ar: 'تحية' },
      text: 'Hello',
      queues: [],
    });
    expect(() =>
      parseCannedMessages('{"messages":[{"shortcode":"a","title":{"english":"t"},"text":"x"}]}'),
    ).toThrow(/messages\.0\.title/);
  });

  it('falls back to the demo set without a file', () => {
    expect(loadCannedMessages(undefined)).toBe(DEMO_CANNED_MESSAGES);
    expect(DEMO_CANNED_MESSAGES.some((message) => message.shortcode === 'greet')).toBe(true);
  });

  it.each([
    ['not JSON', '{', /not JSON/],
    [
      'a bad shortcode',
      '{"messages":[{"shortcode":"Hi there","title":"t","text":"x"}]}',
      /messages\.0\.shortcode/,
    ],
    [
      'an unknown placeholder',
      '{"messages":[{"shortcode":"a","title":"t","text":"Hi {name}"}]}',
      /placeholders/,
    ],
    ['an unknown key', '{"messages":[{"shortcode":"a","title":"t","text":"x","body":"y"}]}', /messages\.0/],
    [
      'a shortcode twice in one queue',
      '{"messages":[{"shortcode":"a","title":"t","text":"x"},{"shortcode":"a","title":"u","text":"y","queues":["q"]}]}',
      /messages\.1\.shortcode: "\/a" is already messages\.0/,
    ],
    ['an empty text', '{"messages":[{"shortcode":"a","title":"t","text":"  "}]}', /messages\.0\.text/],
  ])('refuses %s, naming the problem', (_name, json, problem) => {
    expect(() => parseCannedMessages(json)).toThrow(CannedConfigError);
    expect(() => parseCannedMessages(json)).toThrow(problem);
  });

  it('takes the file path from CANNED_MESSAGES_FILE and stops the start on a broken file', async () => {
    expect(loadConfig({ CANNED_MESSAGES_FILE: file }).cannedMessagesFile).toBe(file);
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"messages":[{"shortcode":"x"}]}');
    await expect(startTestServer({ cannedMessagesFile: broken })).rejects.toThrow(/canned messages/);
  });
});

describe('GET /api/agent/canned', () => {
  const server = useTestServer({ cannedMessagesFile: file });

  it('serves the configured messages to a signed-in agent only', async () => {
    const url = `${server().url}/api/agent/canned`;
    expect((await http(url)).status).toBe(401);
    expect((await http(url, { token: 'v1.forged.token' })).status).toBe(401);
    const a = await agent(server().url);
    const answer = await http(url, { token: a.token });
    expect(answer.status).toBe(200);
    expect(answer.json.messages.map((m: { shortcode: string }) => m.shortcode)).toEqual([
      'greet',
      'iban',
      'iban',
    ]);
    expect(answer.headers.get('cache-control')).toBe('private, no-cache');
  });
});
