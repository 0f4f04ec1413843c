/**
 * Server configuration from environment variables. Every setting has a default that runs the
 * demo on one machine; README.md lists them.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const list = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

const envSchema = z.object({
  PORT: port.default(8444),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('data'),
  FINESSE_URL: z.url().default('http://localhost:8445'),
  CHAT_HOST_PORT: z.string().optional(),
  ALLOWED_ORIGINS: list,
  TOKEN_SECRET: z.string().min(32).optional(),
  CUSTOMER_TOKEN_TTL_S: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 3600),
  AGENT_TOKEN_TTL_S: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 3600),
  OFFER_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  // Seed 002: up to 5 concurrent chats per agent.
  MAX_CHATS_PER_AGENT: z.coerce.number().int().min(1).max(5).default(5),
  FINESSE_SECONDARY_URL: z.url().optional(),
  FINESSE_POLL_MS: z.coerce.number().int().min(200).default(5000),
  FINESSE_SYNC: z.enum(['gadget', 'server']).default('gadget'),
  FINESSE_RESYNC_MS: z.coerce.number().int().min(0).default(30_000),
  FINESSE_XMPP_URL: z
    .string()
    .regex(/^(xmpp|xmpps|ws|wss):\/\//, 'xmpp://host:port or ws(s)://…')
    .optional(),
  FINESSE_XMPP_DOMAIN: z.string().optional(),
  FINESSE_PUBSUB_DOMAIN: z.string().optional(),
  BLENDING_REASON_LABEL: z.string().min(1).max(40).default('Handling Chat'),
  BLENDING_REASON_CODE_ID: z.string().max(32).optional(),
  DEFAULT_QUEUE: z.string().default('default'),
  FINESSE_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  STATIC_DIR: z.string().default('dist'),
  PUBLIC_DIR: z.string().default('public'),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** SQLite file, or ':memory:' for tests that need no restart. */
  dbPath: string;
  finesseUrl: string;
  /** The subscriber node; with it, SystemInfo polling fails over between the two (seed 002). */
  finesseSecondaryUrl: string | undefined;
  finessePollMs: number;
  /** Where voice state comes from: the gadget (finesse.js) or this server (REST + XMPP). */
  finesseSync: 'gadget' | 'server';
  /** `server` sync: REST reload of every agent's state this often (0: off). */
  finesseResyncMs: number;
  /** XMPP of Finesse notifications for `server` sync (TCP 5222, seed 000/002). */
  finesseXmpp: { service: string; domain: string; pubsubDomain: string } | undefined;
  blendingReasonLabel: string;
  blendingReasonCodeId: string | undefined;
  /** host:port the gadget uses to reach this server; the default of `externalServerHostAndPort_chat`. */
  chatHostPort: string | undefined;
  /** Origins allowed besides this server's own and the Finesse desktop's. */
  allowedOrigins: string[];
  tokenSecret: string | undefined;
  customerTokenTtlS: number;
  agentTokenTtlS: number;
  offerTimeoutMs: number;
  maxChatsPerAgent: number;
  defaultQueue: string;
  finesseTimeoutMs: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  staticDir: string;
  publicDir: string;
  /** The repository root, where gadget.xml lives. */
  rootDir: string;
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<ServerConfig> = {},
): ServerConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`[hybrid-chat] invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  const rootDir = resolve(import.meta.dirname, '..');
  const dataDir = resolve(rootDir, e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbPath: resolve(dataDir, 'hybrid-chat.db'),
    finesseUrl: e.FINESSE_URL.replace(/\/+$/, ''),
    finesseSecondaryUrl: e.FINESSE_SECONDARY_URL?.replace(/\/+$/, ''),
    finessePollMs: e.FINESSE_POLL_MS,
    finesseSync: e.FINESSE_SYNC,
    finesseResyncMs: e.FINESSE_RESYNC_MS,
    finesseXmpp: e.FINESSE_XMPP_URL
      ? {
          service: e.FINESSE_XMPP_URL,
          domain: e.FINESSE_XMPP_DOMAIN ?? new URL(e.FINESSE_URL).hostname,
          pubsubDomain:
            e.FINESSE_PUBSUB_DOMAIN ?? `pubsub.${e.FINESSE_XMPP_DOMAIN ?? new URL(e.FINESSE_URL).hostname}`,
        }
      : undefined,
    blendingReasonLabel: e.BLENDING_REASON_LABEL,
    blendingReasonCodeId: e.BLENDING_REASON_CODE_ID,
    chatHostPort: e.CHAT_HOST_PORT,
    allowedOrigins: e.ALLOWED_ORIGINS,
    tokenSecret: e.TOKEN_SECRET,
    customerTokenTtlS: e.CUSTOMER_TOKEN_TTL_S,
    agentTokenTtlS: e.AGENT_TOKEN_TTL_S,
    offerTimeoutMs: e.OFFER_TIMEOUT_MS,
    maxChatsPerAgent: e.MAX_CHATS_PER_AGENT,
    defaultQueue: e.DEFAULT_QUEUE,
    finesseTimeoutMs: e.FINESSE_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    staticDir: resolve(rootDir, e.STATIC_DIR),
    publicDir: resolve(rootDir, e.PUBLIC_DIR),
    rootDir,
    ...overrides,
  };
}
