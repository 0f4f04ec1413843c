/**
 * Every abuse limit of the server, with a default that is on. One environment variable each; the
 * README's "Limits" table lists them (a test keeps the two in step). The figures are generous for
 * people and tight for scripts: a customer types a message every few seconds, a script thousands.
 * Addresses are the client's real IP (behind a proxy listed in TRUSTED_PROXIES, its X-Forwarded-For).
 */
import { z } from 'zod';

const count = (fallback: number) => z.coerce.number().int().min(1).default(fallback);
const rate = (fallback: number) => z.coerce.number().positive().default(fallback);

export const limitsEnvSchema = z.object({
  // Customer sessions (POST /api/customer/session) per address: a burst, then a steady rate.
  LIMIT_SESSIONS_PER_IP_BURST: count(20),
  LIMIT_SESSIONS_PER_IP_PER_MIN: rate(10),
  // New chats per address and per customer session (a session also has at most one open chat).
  LIMIT_CHATS_PER_IP_BURST: count(20),
  LIMIT_CHATS_PER_IP_PER_MIN: rate(10),
  LIMIT_CHATS_PER_SESSION_PER_HOUR: count(10),
  // Open sockets at once: per token (tabs of one person) and, for customers, per address.
  LIMIT_SOCKETS_PER_TOKEN: count(10),
  LIMIT_SOCKETS_PER_IP: count(200),
  // Per socket token buckets: messages, typing notices, receipts, and every event together.
  LIMIT_MESSAGES_BURST: count(20),
  LIMIT_MESSAGES_PER_S: rate(2),
  LIMIT_TYPING_BURST: count(10),
  LIMIT_TYPING_PER_S: rate(2),
  LIMIT_RECEIPTS_BURST: count(30),
  LIMIT_RECEIPTS_PER_S: rate(5),
  LIMIT_EVENTS_BURST: count(60),
  LIMIT_EVENTS_PER_S: rate(20),
  // A socket refused this many times within 10 s is disconnected.
  LIMIT_REFUSALS_BEFORE_DISCONNECT: count(50),
  // Attachments: per chat, and per customer per day.
  LIMIT_FILES_PER_CHAT: count(20),
  LIMIT_FILE_BYTES_PER_CHAT: count(50 * 1024 * 1024),
  LIMIT_FILES_PER_CUSTOMER_PER_DAY: count(50),
  // Transcript emails to one address per day, whoever asks.
  LIMIT_TRANSCRIPTS_PER_ADDRESS_PER_DAY: count(3),
  // Agent sign-in: failures allowed before delays start, per agent id and per address; the
  // delay doubles with each further failure up to the maximum.
  LIMIT_SIGNIN_FAILURES_PER_AGENT: count(3),
  LIMIT_SIGNIN_FAILURES_PER_IP: count(20),
  LIMIT_SIGNIN_MAX_DELAY_S: count(15 * 60),
});

/** A token bucket's size and refill rate. */
export interface Bucket {
  burst: number;
  perS: number;
}

export interface Limits {
  sessionsPerIp: Bucket;
  chatsPerIp: Bucket;
  chatsPerSessionPerHour: number;
  socketsPerToken: number;
  socketsPerIp: number;
  messages: Bucket;
  typing: Bucket;
  receipts: Bucket;
  events: Bucket;
  refusalsBeforeDisconnect: number;
  filesPerChat: number;
  fileBytesPerChat: number;
  filesPerCustomerPerDay: number;
  transcriptsPerAddressPerDay: number;
  signIn: { failuresPerAgent: number; failuresPerIp: number; maxDelayS: number };
}

export function limitsFromEnv(e: z.infer<typeof limitsEnvSchema>): Limits {
  return {
    sessionsPerIp: { burst: e.LIMIT_SESSIONS_PER_IP_BURST, perS: e.LIMIT_SESSIONS_PER_IP_PER_MIN / 60 },
    chatsPerIp: { burst: e.LIMIT_CHATS_PER_IP_BURST, perS: e.LIMIT_CHATS_PER_IP_PER_MIN / 60 },
    chatsPerSessionPerHour: e.LIMIT_CHATS_PER_SESSION_PER_HOUR,
    socketsPerToken: e.LIMIT_SOCKETS_PER_TOKEN,
    socketsPerIp: e.LIMIT_SOCKETS_PER_IP,
    messages: { burst: e.LIMIT_MESSAGES_BURST, perS: e.LIMIT_MESSAGES_PER_S },
    typing: { burst: e.LIMIT_TYPING_BURST, perS: e.LIMIT_TYPING_PER_S },
    receipts: { burst: e.LIMIT_RECEIPTS_BURST, perS: e.LIMIT_RECEIPTS_PER_S },
    events: { burst: e.LIMIT_EVENTS_BURST, perS: e.LIMIT_EVENTS_PER_S },
    refusalsBeforeDisconnect: e.LIMIT_REFUSALS_BEFORE_DISCONNECT,
    filesPerChat: e.LIMIT_FILES_PER_CHAT,
    fileBytesPerChat: e.LIMIT_FILE_BYTES_PER_CHAT,
    filesPerCustomerPerDay: e.LIMIT_FILES_PER_CUSTOMER_PER_DAY,
    transcriptsPerAddressPerDay: e.LIMIT_TRANSCRIPTS_PER_ADDRESS_PER_DAY,
    signIn: {
      failuresPerAgent: e.LIMIT_SIGNIN_FAILURES_PER_AGENT,
      failuresPerIp: e.LIMIT_SIGNIN_FAILURES_PER_IP,
      maxDelayS: e.LIMIT_SIGNIN_MAX_DELAY_S,
    },
  };
}
