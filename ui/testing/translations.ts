/**
 * The checks every app's translations must pass: each language has exactly the English keys, and
 * every string keeps the English placeholders (`{{name}}`). Call it from the app's i18n test.
 */
import { describe, expect, it } from 'vitest';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function lookup(tree: unknown, key: string): string {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree) as string;
}

function placeholders(text: string): (string | undefined)[] {
  return [...text.matchAll(/{{(\w+)}}/g)].map((match) => match[1]).sort();
}

export function describeTranslations(
  app: string,
  { en, ...others }: { en: unknown; [language: string]: unknown },
): void {
  describe(`${app} translations`, () => {
    for (const [language, translations] of Object.entries(others)) {
      it(`has every English key in ${language}, and no extra ones`, () => {
        expect(keys(translations).sort()).toEqual(keys(en).sort());
      });
      it(`keeps the same placeholders in ${language}`, () => {
        for (const key of keys(en)) {
          expect(placeholders(lookup(translations, key)), key).toEqual(placeholders(lookup(en, key)));
        }
      });
    }
  });
}
