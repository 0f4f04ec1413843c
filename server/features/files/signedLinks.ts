/**
 * Short-lived signed links to files: `/api/files/<id>?exp=<ms>&sig=<hmac>`. An `<img>` or a download
 * link cannot send the session token, so a participant asks for a link (with the token) and the
 * browser fetches the file with it. HMAC-SHA256 over the file id and the expiry, with a key derived
 * from the server's token secret (so a restart keeps links valid, and the session key itself never
 * signs anything but sessions).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FileLinkResponse } from '../../../sdk/core/protocol.ts';

export type LinkCheck = 'ok' | 'expired' | 'forged';

export interface LinkSigner {
  sign(fileId: string): FileLinkResponse;
  verify(fileId: string, exp: unknown, sig: unknown): LinkCheck;
}

export function createLinkSigner(secret: string, ttlMs: number, now: () => number = Date.now): LinkSigner {
  const key = createHmac('sha256', secret).update('hybrid-chat file links v1').digest();
  const mac = (fileId: string, exp: number) => createHmac('sha256', key).update(`${fileId}.${exp}`).digest();

  return {
    sign(fileId) {
      const expiresAt = now() + ttlMs;
      const sig = mac(fileId, expiresAt).toString('base64url');
      const query = new URLSearchParams({ exp: String(expiresAt), sig });
      return { path: `/api/files/${encodeURIComponent(fileId)}?${query}`, expiresAt };
    },
    verify(fileId, exp, sig) {
      if (typeof exp !== 'string' || !/^\d{1,16}$/.test(exp) || typeof sig !== 'string') return 'forged';
      const given = Buffer.from(sig, 'base64url');
      const expected = mac(fileId, Number(exp));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
      return Number(exp) <= now() ? 'expired' : 'ok';
    },
  };
}
