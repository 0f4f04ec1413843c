/**
 * Whether the browser behind `page` draws colour emoji: the same canvas check as
 * ui/EmojiPicker/emojiSupport.ts (a colour glyph has coloured pixels, a missing one leaves a box
 * in the text colour). Without a colour emoji font the apps show emoji by their short names.
 */
import type { FrameLocator, Locator } from '@playwright/test';

export async function drawsColourEmoji(frame: FrameLocator | Locator): Promise<boolean> {
  return frame.locator('body').evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 32;
    const context = canvas.getContext('2d');
    if (!context) return true;
    context.textBaseline = 'top';
    context.font = '24px sans-serif';
    context.fillText('\u{1F600}', 2, 2);
    const { data } = context.getImageData(0, 0, 32, 32);
    for (let i = 0; i < data.length; i += 4) {
      const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
      if (Math.max(r, g, b) - Math.min(r, g, b) > 40) return true;
    }
    return false;
  });
}
