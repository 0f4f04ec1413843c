import { describe, expect, it } from 'vitest';
import { EMOJI, EMOJI_SHORTCODES } from './EmojiPicker.tsx';
import { hasEmoji, spellEmoji } from './emojiText.ts';

describe('emoji spelled out', () => {
  it("names the picker's emoji by their short names, in the text around them", () => {
    expect(spellEmoji('👍 thanks, see you')).toBe(':+1: thanks, see you');
    expect(spellEmoji('Love it❤️!')).toBe('Love it:heart:!');
    // Without the variation selector some systems send it as well.
    expect(spellEmoji('✉\uFE0F sent')).toBe(':email: sent');
    for (const emoji of EMOJI) expect(spellEmoji(emoji)).toBe(EMOJI_SHORTCODES[emoji]);
  });

  it('gives other emoji their code point, a skin tone or a joined sequence as one', () => {
    expect(spellEmoji('a 🦄 b')).toBe('a U+1F984 b');
    expect(spellEmoji('👋🏽')).toBe('U+1F44B');
    expect(spellEmoji('👩‍💻 here')).toBe('U+1F469 here');
  });

  it('leaves text symbols and plain text alone', () => {
    expect(hasEmoji('© 2026 Shop™, order #42')).toBe(false);
    expect(spellEmoji('© 2026 Shop™, order #42')).toBe('© 2026 Shop™, order #42');
    expect(hasEmoji('مرحبا')).toBe(false);
    expect(hasEmoji('ok 👍')).toBe(true);
    expect(hasEmoji('❤️')).toBe(true);
  });
});
