/**
 * A chat as a document the customer keeps: plain text, or a small HTML page in which every
 * customer- and agent-typed string is escaped (nothing typed is ever markup). Times in the
 * customer's own time zone and language, as the widget passes them.
 */
import type { ChatMessage } from '../../../sdk/core/protocol.ts';
import type { StoredChat } from '../../core/storage/storage.ts';
import { fill, phrasesFor, type TranscriptPhrases } from './phrases.ts';

export interface TranscriptOptions {
  locale?: string | undefined;
  /** IANA zone; an unknown one falls back to UTC. */
  timeZone?: string | undefined;
  /** For an email: a line saying who started the chat and asked for this copy to be sent. */
  emailed?: boolean;
}

interface Line {
  at: string;
  who: string | null;
  text: string;
}

interface Prepared {
  language: string;
  phrases: TranscriptPhrases;
  header: Array<[string, string]>;
  /** The emailed copy's "who asked for this" line, or null. */
  requestedBy: string | null;
  lines: Line[];
}

function formatters(language: string, timeZone: string | undefined) {
  const make = (options: Intl.DateTimeFormatOptions) => {
    try {
      return new Intl.DateTimeFormat(language, { ...options, timeZone });
    } catch {
      return new Intl.DateTimeFormat(language, { ...options, timeZone: 'UTC' });
    }
  };
  return {
    dateTime: make({ dateStyle: 'medium', timeStyle: 'short' }),
    time: make({ timeStyle: 'short' }),
    day: make({ year: 'numeric', month: '2-digit', day: '2-digit' }),
  };
}

function prepare(chat: StoredChat, messages: readonly ChatMessage[], options: TranscriptOptions): Prepared {
  const { language, phrases } = phrasesFor(options.locale);
  const format = formatters(language, options.timeZone);
  const startDay = format.day.format(chat.createdAt);
  const header: Array<[string, string]> = [
    [phrases.chat, chat.id],
    [phrases.started, format.dateTime.format(chat.createdAt)],
  ];
  if (chat.agent) header.push([phrases.agent, chat.agent.name]);
  if (chat.endedAt) header.push([phrases.ended, format.dateTime.format(chat.endedAt)]);
  const lines = messages.map((message): Line => {
    const sameDay = format.day.format(message.sentAt) === startDay;
    const at = (sameDay ? format.time : format.dateTime).format(message.sentAt);
    if (message.kind === 'event') {
      const template = message.event ? phrases.events[message.event] : undefined;
      return { at, who: null, text: template ? fill(template, { name: message.text }) : message.text };
    }
    if (message.kind === 'file') {
      return {
        at,
        who: message.from.name,
        text: fill(phrases.file, { file: message.file?.name ?? message.text }),
      };
    }
    return { at, who: message.from.name, text: message.text };
  });
  const requestedBy = options.emailed
    ? fill(phrases.requestedBy, { name: chat.customer.name, date: format.dateTime.format(chat.createdAt) })
    : null;
  return { language, phrases, header, requestedBy, lines };
}

export function renderText(
  chat: StoredChat,
  messages: readonly ChatMessage[],
  options: TranscriptOptions = {},
): string {
  const { phrases, header, requestedBy, lines } = prepare(chat, messages, options);
  const out = [phrases.title, '', ...(requestedBy ? [requestedBy, ''] : [])];
  out.push(...header.map(([key, value]) => `${key}: ${value}`), '');
  for (const line of lines) {
    // Continuation lines are indented so that a typed "[10:00] Agent:" cannot pass for a real line.
    const text = line.text.replace(/\r\n?/g, '\n').replace(/\n/g, '\n    ');
    out.push(line.who === null ? `[${line.at}] — ${text}` : `[${line.at}] ${line.who}: ${text}`);
  }
  return `${out.join('\n')}\n`;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;color:#1b1f24;max-width:44rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.4rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;color:#4a5360}
dd{margin:0}ol{list-style:none;padding:0;margin-top:1.5rem}li{padding:.4rem 0;border-top:1px solid #e4e7eb}
time{color:#6a7380;font-size:.85em;margin-inline-end:.5rem}b{margin-inline-end:.4rem}
.event,.note{color:#6a7380;font-style:italic}.text{white-space:pre-wrap;overflow-wrap:anywhere}`;

export function renderHtml(
  chat: StoredChat,
  messages: readonly ChatMessage[],
  options: TranscriptOptions = {},
): string {
  const { language, phrases, header, requestedBy, lines } = prepare(chat, messages, options);
  const e = escapeHtml;
  const note = requestedBy ? `<p class="note">${e(requestedBy)}</p>` : '';
  const rows = header.map(([key, value]) => `<dt>${e(key)}</dt><dd>${e(value)}</dd>`).join('');
  const items = lines
    .map((line) =>
      line.who === null
        ? `<li class="event"><time>${e(line.at)}</time>${e(line.text)}</li>`
        : `<li><time>${e(line.at)}</time><b>${e(line.who)}</b><span class="text">${e(line.text)}</span></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="${e(language)}" dir="${phrases.rtl ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(phrases.title)}</title><style>${STYLE}</style></head>
<body><h1>${e(phrases.title)}</h1>${note}<dl>${rows}</dl>
<ol>
${items}
</ol></body></html>
`;
}

/** `chat-transcript-2025-03-14-1a2b3c4d.txt`: only the date and the id's first hex digits, never typed text. */
export function transcriptFileName(chat: StoredChat, extension: 'txt' | 'html', timeZone?: string): string {
  let date: string;
  try {
    date = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(chat.createdAt);
  } catch {
    date = new Date(chat.createdAt).toISOString().slice(0, 10);
  }
  const id =
    chat.id
      .replace(/[^a-z0-9]/gi, '')
      .slice(0, 8)
      .toLowerCase() || 'chat';
  const safeDate = /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? date
    : new Date(chat.createdAt).toISOString().slice(0, 10);
  return `chat-transcript-${safeDate}-${id}.${extension}`;
}
