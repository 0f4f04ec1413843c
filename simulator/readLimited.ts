/**
 * Reads a fetched body as UTF-8 text with a size limit, for the simulator's fetches of documents
 * someone else serves (gadget specs, proxy maps): a huge or endless answer must not fill memory.
 */

/**
 * The body of `response` as text; past `maxBytes` the stream is cancelled and the error that
 * `tooLarge` builds is thrown, so each caller reports the overflow in its own terms.
 */
export async function readLimited(
  response: Response,
  maxBytes: number,
  tooLarge: (maxBytes: number) => Error,
): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined); // best effort; the error below is what matters
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
