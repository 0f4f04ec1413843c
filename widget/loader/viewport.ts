/**
 * Keeps the full-screen panel (phones) inside the visual viewport: when the on-screen keyboard
 * opens, the layout viewport keeps its height on iOS (and on Android Chrome since 108), so a fixed
 * panel would run under the keyboard. The height and offset go into custom properties that the
 * panel's phone styles read; nothing is written to the host page.
 */
export function followViewport(
  target: HTMLElement,
  view: VisualViewport | null = window.visualViewport,
): () => void {
  if (!view) return () => {};
  const fit = (): void => {
    target.style.setProperty('--hc-vh', `${Math.round(view.height)}px`);
    target.style.setProperty('--hc-vt', `${Math.round(view.offsetTop)}px`);
  };
  fit();
  view.addEventListener('resize', fit);
  view.addEventListener('scroll', fit);
  return () => {
    view.removeEventListener('resize', fit);
    view.removeEventListener('scroll', fit);
  };
}
