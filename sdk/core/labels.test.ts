import { describe, expect, it } from 'vitest';
import { labelIn } from './labels.ts';

describe('labelIn', () => {
  const billing = { en: 'Billing', de: 'Rechnung', 'de-CH': 'Rechnig', ar: 'الفواتير' };

  it('reads the exact tag, then the language, then English, then the first one', () => {
    expect(labelIn(billing, 'de-CH')).toBe('Rechnig');
    expect(labelIn(billing, 'de-AT')).toBe('Rechnung');
    expect(labelIn(billing, 'ar')).toBe('الفواتير');
    expect(labelIn(billing, 'fr')).toBe('Billing');
    expect(labelIn({ de: 'Nur Deutsch' }, 'fr')).toBe('Nur Deutsch');
  });

  it('takes a plain string as it is, and the fallback when there is no label', () => {
    expect(labelIn('Support', 'ja')).toBe('Support');
    expect(labelIn(undefined, 'en', 'billing')).toBe('billing');
    expect(labelIn({}, 'en', 'billing')).toBe('billing');
  });
});
