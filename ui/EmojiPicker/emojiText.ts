/**
 * Emoji in a text spelled out for a system without a colour emoji font, where each would be an
 * empty box: the picker's emoji by their short names (`:+1:`), any other emoji by its code point
 * (`U+1F984`). Only what shows as an emoji counts: a character with emoji presentation, or one
 * followed by the emoji variation selector U+FE0F, with its modifiers and joined parts
 * (Unicode Technical Standard #51, "Unicode Emoji"); `©` or `™` in plain text stays as it is.
 */
import { EMOJI_SHORTCODES } from './EmojiPicker.tsx';

const PART = String.raw`(?:\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F)`;
const SEQUENCE = String.raw`${PART}(?:\p{Emoji_Modifier}|\uFE0F|\u200D(?:\p{Extended_Pictographic}\uFE0F?))*`;

/** Whether the text holds an emoji as an emoji (not, say, `©` as text). */
export function hasEmoji(text: string): boolean {
  return new RegExp(PART, 'u').test(text);
}

/** The text with every emoji replaced by its short name, or its code point where it has none. */
export function spellEmoji(text: string): string {
  const names = EMOJI_SHORTCODES as Readonly<Record<string, string>>;
  return text.replace(new RegExp(SEQUENCE, 'gu'), (emoji) => {
    const name = names[emoji] ?? names[emoji.replace(/\uFE0F/gu, '')] ?? names[`${emoji}\uFE0F`];
    if (name) return name;
    const first = emoji.codePointAt(0) ?? 0;
    return `U+${first.toString(16).toUpperCase().padStart(4, '0')}`;
  });
}
