// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { css, textOn } from './styles.ts';
import { isRtl, languageOf, textsFor } from './texts.ts';
import { createTitleBlink } from './titleBlink.ts';
import { followViewport } from './viewport.ts';

let hidden = false;
beforeEach(() => {
  vi.useFakeTimers();
  hidden = false;
  Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
  document.title = 'Northwind · Support';
});
afterEach(() => vi.useRealTimers());

describe('title blink', () => {
  it('blinks only while the tab is hidden and restores the title exactly', () => {
    const blink = createTitleBlink();
    blink.update('2 new messages');
    expect(document.title).toBe('Northwind · Support');
    hidden = true;
    blink.update('2 new messages');
    expect(document.title).toBe('2 new messages');
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('Northwind · Support');
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('2 new messages');
    blink.update('3 new messages');
    vi.advanceTimersByTime(2000);
    expect(document.title).toBe('3 new messages');
    hidden = false;
    blink.update('3 new messages');
    expect(document.title).toBe('Northwind · Support');
    vi.advanceTimersByTime(5000);
    expect(document.title).toBe('Northwind · Support');
  });

  it('keeps a title the page set meanwhile', () => {
    const blink = createTitleBlink();
    hidden = true;
    blink.update('1 new message');
    document.title = 'Cart (1)';
    vi.advanceTimersByTime(1000);
    expect(document.title).toBe('1 new message');
    blink.stop();
    expect(document.title).toBe('Cart (1)');
  });
});

describe('visual viewport', () => {
  it('gives the panel the visual viewport’s height and offset, and stops on request', () => {
    const view = Object.assign(new EventTarget(), { height: 800, offsetTop: 0 }) as unknown as VisualViewport;
    const target = document.createElement('div');
    const stop = followViewport(target, view);
    expect(target.style.getPropertyValue('--hc-vh')).toBe('800px');
    Object.assign(view, { height: 452.4, offsetTop: 120 });
    view.dispatchEvent(new Event('resize'));
    expect(target.style.getPropertyValue('--hc-vh')).toBe('452px');
    expect(target.style.getPropertyValue('--hc-vt')).toBe('120px');
    stop();
    Object.assign(view, { height: 300 });
    view.dispatchEvent(new Event('resize'));
    expect(target.style.getPropertyValue('--hc-vh')).toBe('452px');
  });
});

describe('loader texts and styles', () => {
  it('has every text in every language, and falls back to English', () => {
    for (const language of ['en', 'de', 'fr', 'es', 'ar', 'ur']) {
      const texts = textsFor(language);
      expect(
        Object.values(texts).every((text) => text.trim().length > 0),
        language,
      ).toBe(true);
      expect(languageOf(`${language}-XX`)).toBe(language);
    }
    expect(languageOf('he-IL')).toBe('en');
    expect(languageOf('de_AT')).toBe('de');
    expect([isRtl('ar'), isRtl('ur'), isRtl('en')]).toEqual([true, true, false]);
  });

  it('picks the more readable of white and near-black on the theme colour', () => {
    expect(['#0a5fc4', '#000', '#d92d20', '#ffd700', '#fff', '#7dd3fc'].map(textOn)).toEqual([
      '#fff',
      '#fff',
      '#fff',
      '#111',
      '#111',
      '#111',
    ]);
  });

  it('uses logical sides only, so right to left mirrors the launcher and the badge', () => {
    expect(css('#0a5fc4', false)).not.toMatch(/(^|[;{])(left|right):/);
    expect(css('#0a5fc4', false)).toContain('.l,.p{position:fixed;inset-inline-end:20px');
    expect(css('#0a5fc4', true)).toContain('.l,.p{position:fixed;inset-inline-start:20px');
  });
});
