/**
 * Abuse limits opened up for the load benchmarks. A load generator speaks for thousands of
 * customers from one loopback address and sends as fast as the server acks; the server's
 * defaults (README, "Limits") would rightly refuse it after the first twenty sessions. These
 * benchmarks measure how much the server holds, so every per-address and per-socket limit is set
 * far above what a run uses. `bench/flood.ts` measures the limits themselves, at their defaults.
 */
const PLENTY = String(1_000_000);

export const LOAD_TEST_LIMITS: Readonly<Record<string, string>> = {
  LIMIT_SESSIONS_PER_IP_BURST: PLENTY,
  LIMIT_SESSIONS_PER_IP_PER_MIN: PLENTY,
  LIMIT_CHATS_PER_IP_BURST: PLENTY,
  LIMIT_CHATS_PER_IP_PER_MIN: PLENTY,
  LIMIT_SOCKETS_PER_IP: PLENTY,
  LIMIT_MESSAGES_BURST: PLENTY,
  LIMIT_MESSAGES_PER_S: PLENTY,
  LIMIT_TYPING_BURST: PLENTY,
  LIMIT_TYPING_PER_S: PLENTY,
  LIMIT_RECEIPTS_BURST: PLENTY,
  LIMIT_RECEIPTS_PER_S: PLENTY,
  LIMIT_EVENTS_BURST: PLENTY,
  LIMIT_EVENTS_PER_S: PLENTY,
};
