/**
 * The loader's styles, inside its shadow root so that the host page's CSS and ours never meet.
 * Flow-relative properties throughout: in a right-to-left language the launcher and the panel move
 * to the other side by themselves. Strict CSP: with a nonce the styles go into a `<style nonce>`,
 * otherwise into a constructed stylesheet (not inline markup a policy would block); there are no
 * `style` attributes anywhere.
 */

/**
 * White or near-black on the theme colour, whichever has the higher contrast (WCAG 2.1 relative
 * luminance `l`): white's contrast 1.05/(l+.05) equals #111's (l+.05)/.0556 at l ≈ .1916.
 */
export function textOn(hex: string): string {
  const n = parseInt((hex.length === 4 ? hex.replace(/\w/g, '$&$&') : hex).slice(1), 16);
  // sRGB's transfer curve as a plain 2.2 power (the loader must stay under 4 KB): it can only pick
  // differently from the exact formula for colours where both texts contrast about equally (≈ 4.3–4.5).
  const [r = 0, g = 0, b = 0] = [16, 8, 0].map((shift) => (((n >> shift) & 255) / 255) ** 2.2);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.1916 ? '#111' : '#fff';
}

/**
 * `.w` wrapper (`.o` open, `.e` failed), `.l` launcher, `.b` badge (unread count, or `!` when the
 * chat server could not be reached), `.p` panel (`.r` once the app said ready), `.s` the
 * screen-reader-only live region. Phones (≤ 480 px): the panel fills the visual viewport
 * (`--hc-vh`/`--hc-vt` from viewport.ts) inside the safe areas; the bottom one only while the
 * keyboard is closed (the keyboard covers the home indicator). The panel only fades (no movement),
 * so reduced motion needs no rule of its own.
 */
export function css(color: string, start: boolean): string {
  const side = start ? 'inset-inline-start' : 'inset-inline-end';
  const other = start ? 'inset-inline-end' : 'inset-inline-start';
  const bottom = 'env(safe-area-inset-bottom)';
  return `:host{all:initial}
.l,.p{position:fixed;${side}:20px;z-index:2147483000;box-sizing:border-box}
.l{bottom:calc(20px + ${bottom});width:60px;height:60px;padding:0;border:0;border-radius:50%;background:${color};color:${textOn(color)};cursor:pointer;display:grid;place-items:center;box-shadow:0 6px 20px #10182840}
.l:focus-visible{outline:3px solid ${color};outline-offset:3px}
.l svg{width:28px;fill:currentColor}.l .x{fill:none;stroke:currentColor;stroke-width:2.4;stroke-linecap:round}.x,.o .c{display:none}.o .x{display:block}.e .l{background:#667085;color:#fff}
.b{position:absolute;top:-4px;${other}:-4px;min-width:22px;height:22px;padding:0 6px;box-sizing:border-box;border:2px solid #fff;border-radius:11px;background:#d92d20;color:#fff;font:700 12px/18px system-ui,sans-serif;text-align:center}
.p{bottom:calc(92px + ${bottom});width:min(380px,calc(100vw - 40px));height:min(640px,calc(100vh - 112px));border-radius:16px;overflow:hidden;background:#fff;box-shadow:0 16px 48px #10182838;visibility:hidden;opacity:0;transition:opacity .2s,visibility 0s .2s}
.o .p{visibility:visible;opacity:1;transition:opacity .2s}
.p::after{content:'';position:absolute;inset:0;margin:auto;width:28px;height:28px;border:3px solid #d0d5dd;border-top-color:${color};border-radius:50%;animation:r 1s linear infinite}
.r::after{display:none}iframe{display:block;width:100%;height:100%;border:0;visibility:hidden}.r iframe{visibility:inherit}
.s{position:fixed;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
@keyframes r{to{transform:rotate(1turn)}}
@media (max-width:480px){.p{inset:var(--hc-vt,0) 0 auto;width:auto;height:var(--hc-vh,100%);border-radius:0;padding:env(safe-area-inset-top) env(safe-area-inset-right) max(0px,${bottom} - 100vh + var(--hc-vh,100vh)) env(safe-area-inset-left)}.r{background:linear-gradient(${color} 50%,#fff 50%)}.o .l{display:none}}`;
}

export function applyStyles(root: ShadowRoot, text: string, nonce: string): void {
  // adoptedStyleSheets and replaceSync shipped together in every browser.
  if (!nonce && 'adoptedStyleSheets' in root) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = text;
  root.prepend(style);
}
