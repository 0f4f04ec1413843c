/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only in secure contexts (https, localhost),
 * and the widget may run on a plain-http host page, so we build it from `getRandomValues`, which is
 * available everywhere. Layout: https://www.rfc-editor.org/rfc/rfc9562#name-uuid-version-4
 */
export function uuid(
  fillRandom: (bytes: Uint8Array<ArrayBuffer>) => void = (bytes) => crypto.getRandomValues(bytes),
): string {
  const bytes = new Uint8Array(16);
  fillRandom(bytes);
  // Version 4 in the high nibble of byte 6, variant 10xx in the high bits of byte 8.
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
