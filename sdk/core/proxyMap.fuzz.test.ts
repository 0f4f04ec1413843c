import { describe, expect, it } from 'vitest';
import { ProxyMapError, parseProxyMap } from './proxyMap.ts';

/** mulberry32: a tiny seeded PRNG so a failure reproduces from its seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'finesse1.internal.com:8445=finesse1.xyz.com:443',
  '[::1]:443=[2001:db8::1]:8443',
  '10.0.0.1:1=edge:65535',
  '=',
  ':',
  '[',
  ']',
  '#',
  ' ',
  '\t',
  '\r\n',
  '\n',
  '\r',
  '\uFEFF',
  '0',
  '1',
  '65535',
  '65536',
  '99999999999999999999',
  '-',
  '.',
  '::',
  'a',
  'Z',
  'é',
  '日本',
  '😀',
  '\u0000',
  '\u2028',
  'ǅ',
  '%eth0',
  'constructor',
  '__proto__',
];

function randomText(random: () => number): string {
  const count = Math.floor(random() * 24);
  let text = '';
  for (let index = 0; index < count; index += 1) {
    if (random() < 0.1) {
      text += String.fromCharCode(Math.floor(random() * 0x10000));
    } else {
      text += PIECES[Math.floor(random() * PIECES.length)] ?? '';
    }
  }
  return text;
}

describe('parseProxyMap fuzzing', () => {
  it.each([1, 42, 2024, 0xdeadbeef])(
    'either returns a consistent map or throws ProxyMapError (seed %i)',
    (seed) => {
      const random = createRandom(seed);
      let parsed = 0;
      for (let run = 0; run < 1000; run += 1) {
        const text = randomText(random);
        try {
          const map = parseProxyMap(text);
          parsed += 1;
          for (const entry of map.entries) {
            const internal = map.lookup(`${entry.internal.host}:${entry.internal.port}`);
            const bracketed = map.lookup(`[${entry.internal.host}]:${entry.internal.port}`);
            expect(internal ?? bracketed).not.toBeNull();
          }
          expect(map.substitute(text)).toEqual(expect.any(String));
        } catch (error) {
          if (!(error instanceof ProxyMapError)) {
            throw new Error(`seed ${seed} run ${run} threw ${String(error)} for ${JSON.stringify(text)}`, {
              cause: error,
            });
          }
          expect(error.errors.length).toBeGreaterThan(0);
          expect(error.line).toBeGreaterThan(0);
        }
      }
      // The generator should exercise both outcomes, or it tests nothing.
      expect(parsed).toBeGreaterThan(0);
      expect(parsed).toBeLessThan(1000);
    },
  );
});
