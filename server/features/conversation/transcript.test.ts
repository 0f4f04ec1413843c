import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../sdk/core/protocol.ts';
import { createLogMailTransport } from './mailTransport.ts';
import type { StoredChat } from '../../core/storage/storage.ts';
import { escapeHtml, renderHtml, renderText, transcriptFileName } from './transcript.ts';

const chat: StoredChat = {
  id: '3f2a9c1e-0000-4000-8000-000000000000',
  status: 'ended',
  queue: 'default',
  customer: { id: 'c-1', name: 'Dana <b>' },
  agent: { id: '1001', name: 'Alice Nguyen' },
  preChat: {},
  createdAt: Date.parse('2025-03-14T09:00:00Z'),
  acceptedAt: Date.parse('2025-03-14T09:01:00Z'),
  endedAt: Date.parse('2025-03-14T09:10:00Z'),
  endedBy: 'agent',
  lastSeq: 4,
};

const at = (minute: number) => Date.parse(`2025-03-14T09:${String(minute).padStart(2, '0')}:00Z`);
const messages: ChatMessage[] = [
  {
    chatId: chat.id,
    seq: 1,
    clientId: 's1',
    from: { role: 'system', id: 'system', name: 'System' },
    kind: 'event',
    event: 'agent-joined',
    text: 'Alice Nguyen',
    sentAt: at(1),
  },
  {
    chatId: chat.id,
    seq: 2,
    clientId: 'c1',
    from: { role: 'customer', id: 'c-1', name: 'Dana <b>' },
    kind: 'text',
    text: '<script>alert(1)</script>\n[09:05] Alice Nguyen: fake',
    sentAt: at(2),
  },
  {
    chatId: chat.id,
    seq: 3,
    clientId: 'a1',
    from: { role: 'agent', id: '1001', name: 'Alice Nguyen' },
    kind: 'file',
    text: 'router.png',
    file: { id: 'f1', name: 'router.png', size: 10, type: 'image/png' },
    sentAt: at(3),
  },
  {
    chatId: chat.id,
    seq: 4,
    clientId: 's2',
    from: { role: 'system', id: 'system', name: 'System' },
    kind: 'event',
    event: 'ended',
    text: 'Alice Nguyen',
    sentAt: at(10),
  },
];

describe('transcript', () => {
  it('reads as plain text in the customer’s time zone; typed lines cannot pose as real ones', () => {
    const text = renderText(chat, messages, { locale: 'en', timeZone: 'Europe/Berlin' });
    expect(text).toBe(
      [
        'Chat transcript',
        '',
        `Chat: ${chat.id}`,
        'Started: Mar 14, 2025, 10:00 AM',
        'Agent: Alice Nguyen',
        'Ended: Mar 14, 2025, 10:10 AM',
        '',
        '[10:01 AM] — Alice Nguyen joined the chat',
        '[10:02 AM] Dana <b>: <script>alert(1)</script>',
        '    [09:05] Alice Nguyen: fake',
        '[10:03 AM] Alice Nguyen: sent a file: router.png',
        '[10:10 AM] — Chat ended',
        '',
      ].join('\n'),
    );
  });

  it('speaks the widget’s language, English for others, UTC for an unknown zone', () => {
    expect(renderText(chat, messages, { locale: 'de-DE', timeZone: 'UTC' })).toContain(
      'Alice Nguyen ist dem Chat beigetreten',
    );
    expect(renderText(chat, messages, { locale: 'ar' })).toContain('نص المحادثة');
    expect(renderText(chat, messages, { locale: 'xx', timeZone: 'Not/AZone' })).toContain(
      '[9:01 AM] — Alice',
    );
  });

  it('escapes everything typed in the HTML version', () => {
    const html = renderHtml(chat, messages, { locale: 'en', timeZone: 'UTC' });
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<b>Dana &lt;b&gt;</b>');
    expect(renderHtml(chat, messages, { locale: 'ur' })).toContain('dir="rtl"');
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });

  it('names the file from the date and the chat id only', () => {
    expect(transcriptFileName(chat, 'txt', 'UTC')).toBe('chat-transcript-2025-03-14-3f2a9c1e.txt');
    expect(transcriptFileName({ ...chat, id: '"; rm -rf /' }, 'html', 'Pacific/Kiritimati')).toBe(
      'chat-transcript-2025-03-14-rmrf.html',
    );
  });

  it('the demo mail transport logs that a mail was sent (to, subject, size), never its text', async () => {
    const lines: Array<[object, string]> = [];
    const transport = createLogMailTransport({ info: (obj, msg) => lines.push([obj, msg]) });
    await transport.send({
      to: 'ada@example.com',
      from: 'x@y.z',
      subject: 'Hi',
      text: 'My card number is 4111',
      html: '<p>My card number is 4111</p>',
    });
    expect(JSON.stringify(lines)).not.toContain('4111');
    expect(lines).toEqual([
      [
        { mail: { to: 'ada@example.com', from: 'x@y.z', subject: 'Hi', bytes: 22 + 29 } },
        'mail logged, not sent (MAIL_TRANSPORT=log)',
      ],
    ]);
  });
});
