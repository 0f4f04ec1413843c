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

describe('token ids and revocation', () => {
  it('gives every token its own jti and refuses a revoked one', () => {
    const revoked = new Set<string>();
    const signer = createTokenSigner(SECRET, Date.now, (jti) => revoked.has(jti));
    const first = signer.sign({ sub: '1001', role: 'agent', name: 'Alice' }, 60);
    const second = signer.sign({ sub: '1001', role: 'agent', name: 'Alice' }, 60);
    expect(first.jti).not.toBe(second.jti);
    expect(signer.verify(first.token, 'agent')?.jti).toBe(first.jti);
    revoked.add(first.jti);
    expect(signer.verify(first.token, 'agent')).toBeNull();
    // Only that token: the same agent's other session goes on.
    expect(signer.verify(second.token, 'agent')).toMatchObject({ sub: '1001' });
  });
});
