import { describe, expect, it } from 'vitest';
import { createTokenSigner } from './tokens.ts';

const SECRET = 'x'.repeat(40);

describe('session tokens', () => {
  it('verifies a token it signed for the same role', () => {
    const signer = createTokenSigner(SECRET);
    const { token } = signer.sign({ sub: 'c-1', role: 'customer', name: 'Dana' }, 60);
    expect(signer.verify(token, 'customer')).toMatchObject({ sub: 'c-1', name: 'Dana' });
    expect(signer.verify(token, 'agent')).toBeNull();
  });

  it('refuses tampered, foreign, expired and malformed tokens', () => {
    let now = 1_000_000;
    const signer = createTokenSigner(SECRET, () => now);
    const { token } = signer.sign({ sub: 'c-1', role: 'customer', name: 'Dana' }, 60);
    const [version, payload, signature] = token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ sub: 'c-2', role: 'customer', name: 'X', iat: 0, exp: 9e15 }),
    ).toString('base64url');
    expect(signer.verify(`${version}.${forgedPayload}.${signature}`, 'customer')).toBeNull();
    expect(createTokenSigner('y'.repeat(40)).verify(token, 'customer')).toBeNull();
    for (const bad of ['', 'v1..', 'v2.a.b', 'a.b', 42, null, undefined, 'v1.' + 'a'.repeat(5000) + '.b']) {
      expect(signer.verify(bad, 'customer')).toBeNull();
    }
    expect(payload).toBeTruthy();
    now += 61_000;
    expect(signer.verify(token, 'customer')).toBeNull();
  });
});
