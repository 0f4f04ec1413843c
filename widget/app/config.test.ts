import { describe, expect, it } from 'vitest';
import { contrastWithWhite, linkColorOn, readConfig, textColorOn } from './config.ts';

describe('widget config', () => {
  it('reads the loader settings from the iframe URL, and the server from its own path', () => {
    const config = readConfig(
      'https://proxy.example.com/chat/widget/?locale=de&color=%23e8590c&queue=sales&origin=https%3A%2F%2Fshop.example',
      'en-US',
    );
    expect(config).toEqual({
      serverUrl: 'https://proxy.example.com/chat',
      queue: 'sales',
      locale: 'de',
      color: '#e8590c',
      parentOrigin: 'https://shop.example',
    });
  });

  it('refuses a colour that is not hex and an origin that is not one', () => {
    const config = readConfig(
      'https://chat.example.com/widget/?color=red;background:url(x)&origin=javascript:x',
      'fr',
    );
    expect(config.color).toBe('#0a5fc4');
    expect(config.parentOrigin).toBeNull();
    expect(config.locale).toBe('fr');
    expect(config.serverUrl).toBe('https://chat.example.com');
  });

  it('picks readable text on the theme colour', () => {
    expect(textColorOn('#0a5fc4')).toBe('#ffffff');
    expect(textColorOn('#ffd43b')).toBe('#111111');
    expect(textColorOn('#e8590c')).toBe('#111111');
    expect(contrastWithWhite('#0a5fc4')).toBeGreaterThan(4.5);
    expect(linkColorOn('#0a5fc4')).toBe('#0a5fc4');
    expect(linkColorOn('#ffd43b')).toContain('color-mix');
  });
});
