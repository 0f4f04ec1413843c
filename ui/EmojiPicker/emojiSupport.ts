/**
 * Whether this system can draw colour emoji. Without a colour emoji font (common on Linux desktops
 * and locked-down Windows images) emoji show as empty boxes, so the apps' own icons are SVG and
 * their emoji pickers show short names instead (ui/EmojiPicker `textFallback`).
 *
 * The check draws one emoji on a small canvas and looks for a coloured pixel: a colour emoji glyph
 * has some, the box a missing glyph leaves is drawn in the (black) text colour only.
 */
let known: boolean | undefined;

export function canShowColourEmoji(doc: Document = document): boolean {
  known ??= measure(doc);
  return known;
}

function measure(doc: Document): boolean {
  // No canvas to draw on (a test DOM): assume the usual case, a system with emoji.
  if (typeof navigator !== 'undefined' && /jsdom/i.test(navigator.userAgent)) return true;
  try {
    const canvas = doc.createElement('canvas');
    canvas.width = 32;
    canvas.height = 32;
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) return true;
    context.textBaseline = 'top';
    context.font = '24px sans-serif';
    context.fillStyle = '#000';
    context.fillText('\u{1F600}', 2, 2);
    const { data } = context.getImageData(0, 0, 32, 32);
    for (let i = 0; i < data.length; i += 4) {
      const [r = 0, g = 0, b = 0, a = 0] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) return true;
    }
    return false;
  } catch {
    return true;
  }
}

/** For tests: forget the measured answer. */
export function resetColourEmojiCheck(value?: boolean): void {
  known = value;
}
