/**
 * Long text is sent whole, as several messages in order: the server takes at most
 * `LIMITS.messageText` UTF-16 code units per message (sdk/core/protocolSchemas.ts), and a paste of
 * a long e-mail must not lose its tail. Cuts fall on a line break, else on a space, in the second
 * half of each part; a text without either (a long URL, say) is cut at the limit, never inside a
 * surrogate pair (https://unicode.org/faq/utf_bom.html#utf16-2). The whitespace a cut falls on is
 * the only thing left out.
 */
import { LIMITS } from './protocol.ts';

/** How far back from the limit a cut looks for a line break or a space. */
const LOOK_BACK = 0.5;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Where the next part ends: index of the cut in `text` (exclusive). */
function cutAt(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  const floor = Math.floor(max * (1 - LOOK_BACK));
  const line = window.lastIndexOf('\n');
  if (line >= floor) return line;
  const space = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\t'));
  if (space >= floor) return space;
  return isHighSurrogate(text.charCodeAt(max - 1)) && max > 1 ? max - 1 : max;
}

/** The parts of `text` to send, in order; one part when it fits, none when it is blank. */
export function splitMessageText(text: string, max: number = LIMITS.messageText): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = cutAt(rest, max);
    const part = rest.slice(0, cut).trimEnd();
    if (part) parts.push(part);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}
