/**
 * Server configuration from environment variables. Every setting has a default that runs the
 * demo on one machine; README.md lists them.
 */
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { loadProxyMapOrigins } from './http/origins.ts';
import { parseFrameAncestors } from './http/securityHeaders.ts';
import { parseTrustedProxy } from './http/trustedProxies.ts';
import {
  desktopChatEnvProblems,
  desktopChatEnvSchema,
  desktopChatPrefDefaults,
  type DesktopChatPrefDefaults,
} from './http/desktopChatPrefs.ts';
import { limitsEnvSchema, limitsFromEnv, type Limits } from './limits/limitsConfig.ts';
import { labelSchema } from './queueFile.ts';
import type { LocalizedLabel } from '../sdk/core/labels.ts';

/** A wrap-up reason in WRAP_UP_REASONS' JSON form: a code, or a code with its label per language. */
const wrapUpReasonSchema = z.union([
  z.string().trim().min(1).max(80),
  z.strictObject({ code: z.string().trim().min(1).max(80), label: labelSchema }),
]);

interface WrapUpReasons {
  codes: string[];
  labels: Record<string, LocalizedLabel>;
}

/**
 * WRAP_UP_REASONS: codes separated by commas (`Resolved,Escalated`), or a JSON array of codes and
 * `{ "code": "Resolved", "label": { "en": "Resolved", "ar": "تم الحل" } }` entries, so the gadget
 * can show each reason in the agent's language. The code is what is stored with the chat.
 */
function parseWrapUpReasons(value: string, context: z.RefinementCtx): WrapUpReasons {
  const text = value.trim();
  if (!text.startsWith('[')) {
    const codes = text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    return { codes, labels: {} };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    context.addIssue({ code: 'custom', message: 'a JSON array of reasons, or codes separated by commas' });
    return z.NEVER;
  }
  const parsed = z.array(wrapUpReasonSchema).max(50).safeParse(json);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    }
    return z.NEVER;
  }
  const reasons: WrapUpReasons = { codes: [], labels: {} };
  for (const entry of parsed.data) {
    const code = typeof entry === 'string' ? entry : entry.code;
    if (reasons.codes.includes(code)) {
      context.addIssue({ code: 'custom', message: `the reason "${code}" is given twice` });
      return z.NEVER;
    }
    reasons.codes.push(code);
    if (typeof entry !== 'string') reasons.labels[code] = entry.label;
  }
  return reasons;
}

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

const envSchema = z
  .object({
    PORT: port.default(8444),
    // This machine only unless HOST says otherwise (docs/security.md, "What the demo exposes").
    HOST: z.string().default('127.0.0.1'),
    DATA_DIR: z.string().default('data'),
    // What an acknowledgement survives (docs/storage.md).
    DB_DURABILITY: z.enum(['process', 'power']).default('process'),
    // PostgreSQL instead of the SQLite file, for several nodes on one database (docs/storage.md).
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
      .optional(),
    // Redis for what several nodes share: socket.io's fan-out and the routing leader (README, "Running several nodes").
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'a redis:// or rediss:// URL')
      .optional(),
    // This node's name among several (logs, /metrics); default the host name and process id.
    NODE_ID: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits and . _ : - (at most 64)')
      .optional(),
    FINESSE_URL: z.url().default('http://localhost:8445'),
    CHAT_HOST_PORT: z.string().optional(),
    ALLOWED_ORIGINS: list,
    // Reverse proxy (VPN-less access): whose X-Forwarded-* to believe, the proxy's map, framing.
    TRUSTED_PROXIES: list.refine(
      (entries) => entries.every((entry) => parseTrustedProxy(entry) !== null),
      'comma-separated IP addresses or CIDRs (10.0.0.7, 10.0.0.0/8, fd00::/8)',
    ),
    PROXY_MAP_FILE: z.string().optional(),
    WIDGET_FRAME_ANCESTORS: z
      .string()
      .default('*')
      .transform((value, ctx) => {
        try {
          return parseFrameAncestors(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
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
    // Up to 5 concurrent chats per agent (docs/requirements.md, Media blending).
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
    // How long a customer's or an agent's connection may be gone before the other side is told.
    PRESENCE_CUSTOMER_GRACE_S: z.coerce.number().min(0).max(3600).default(5),
    PRESENCE_AGENT_GRACE_S: z.coerce.number().min(0).max(3600).default(30),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // `json` lines for collectors; `pretty` for a person at a terminal (server/http/logFormat.ts).
    LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
    // A line per HTTP request (Fastify's request logging); the demo turns it off.
    LOG_REQUESTS: z.stringbool().default(true),
    STATIC_DIR: z.string().default('dist'),
    PUBLIC_DIR: z.string().default('public'),
    // Attachments (server/files): the largest upload, and how long a signed download link lives.
    MAX_UPLOAD_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(10 * 1024 * 1024),
    FILE_LINK_TTL_S: z.coerce.number().int().min(10).max(86_400).default(300),
    // Queues (server/queueFile.ts): routing, and the widget's pre-chat fields and hours per queue.
    QUEUES_FILE: z.string().optional(),
    QUEUES_JSON: z.string().optional(),
    WHEN_UNSTAFFED: z.enum(['leave-message', 'wait']).default('leave-message'),
    WAITING_ABANDON_S: z.coerce.number().int().min(0).default(300),
    MAIL_TRANSPORT: z.enum(['log', 'none']).default('log'),
    MAIL_FROM: z.string().min(3).max(200).default('Hybrid Chat <no-reply@localhost>'),
    // Collaboration (server/features/collaboration): wrap-up, and where a chat can be transferred.
    WRAP_UP_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
    WRAP_UP_REASONS: z
      .string()
      .default('Resolved,Follow-up needed,Escalated,Information only')
      .transform(parseWrapUpReasons),
    TRANSFER_QUEUES: list,
    // Agent desk (server/features/desk): prepared replies per queue; without it a demo set.
    CANNED_MESSAGES_FILE: z.string().optional(),
    // Operations: who may read /metrics (server/http/metrics.ts), and how long a stop may take.
    METRICS_TOKEN: z.string().min(16).max(256).optional(),
    SHUTDOWN_GRACE_S: z.coerce.number().int().min(1).max(600).default(10),
  })
  .extend(limitsEnvSchema.shape)
  // Desktop Chat's IM servers, the defaults of its gadget.xml prefs (server/http/desktopChatPrefs.ts).
  .extend(desktopChatEnvSchema.shape);

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** SQLite file, or ':memory:' for tests that need no restart. */
  dbPath: string;
  /** `process`: an ack survives a crash of the server; `power`: also a power loss (WAL fsync per commit). */
  dbDurability: 'process' | 'power';
  /** postgres://…: the PostgreSQL engine instead of the SQLite file (docs/storage.md, "PostgreSQL"). */
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  nodeId: string;
  finesseUrl: string;
  /** The subscriber node; with it, SystemInfo polling fails over between the two (docs/requirements.md). */
  finesseSecondaryUrl: string | undefined;
  finessePollMs: number;
  /** Where voice state comes from: the gadget (finesse.js) or this server (REST + XMPP). */
  finesseSync: 'gadget' | 'server';
  /** `server` sync: REST reload of every agent's state this often (0: off). */
  finesseResyncMs: number;
  /** XMPP of Finesse notifications for `server` sync (TCP 5222, docs/requirements.md, Ports). */
  finesseXmpp: { service: string; domain: string; pubsubDomain: string } | undefined;
  blendingReasonLabel: string;
  blendingReasonCodeId: string | undefined;
  /** host:port the gadget uses to reach this server; the default of `externalServerHostAndPort_chat`. */
  chatHostPort: string | undefined;
  /** gadget.xml's Desktop Chat pref defaults (XMPP_*), by placeholder; empty values: Desktop Chat off. */
  desktopChatPrefs: DesktopChatPrefDefaults;
  /** Origins allowed besides this server's own and the Finesse desktop's. */
  allowedOrigins: string[];
  /** Peers (IPs/CIDRs) whose X-Forwarded-Host/-Proto/-For are believed; none by default. */
  trustedProxies: string[];
  /** The reverse proxy's external origins (PROXY_MAP_FILE's right-hand sides as https://host:port). */
  proxyOrigins: string[];
  /** CSP frame-ancestors sources for the widget's pages (`*`: any website). */
  widgetFrameAncestors: string[];
  tokenSecret: string | undefined;
  customerTokenTtlS: number;
  agentTokenTtlS: number;
  offerTimeoutMs: number;
  maxChatsPerAgent: number;
  defaultQueue: string;
  finesseTimeoutMs: number;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  logFormat: z.infer<typeof envSchema>['LOG_FORMAT'];
  logRequests: boolean;
  presenceGraceMs: { customer: number; agent: number };
  staticDir: string;
  publicDir: string;
  /** Largest attachment in bytes (Fastify's body limit of the upload route). */
  maxUploadBytes: number;
  /** Lifetime of a signed file link (for `<img>` and downloads). */
  fileLinkTtlS: number;
  /** The repository root, where gadget.xml lives. */
  rootDir: string;
  /** The queues file (server/queueFile.ts): widget settings and routing; a JSON file, or the JSON itself. */
  queuesFile: string | undefined;
  queuesJson: string | undefined;
  /** What the widget offers when no agent can take chats: a message form, or the queue anyway. */
  whenUnstaffed: 'leave-message' | 'wait';
  /** A waiting chat whose customer has had no connection this long is ended (0: never). */
  waitingAbandonS: number;
  /** `log`: transcript emails are written to the log (the demo); `none`: emailing is off. */
  mailTransport: 'log' | 'none';
  mailFrom: string;
  /** Wrap-up time after a chat, in seconds (0: none; the agent's slot frees at once). */
  wrapUpSeconds: number;
  /** Wrap-up reason codes; when there are any, the agent picks one or more. */
  wrapUpReasons: string[];
  /** Labels per reason code, one text or one per language (WRAP_UP_REASONS in its JSON form). */
  wrapUpReasonLabels?: Record<string, LocalizedLabel>;
  /** Queues a chat can be transferred to (the default queue is always one). */
  transferQueues: string[];
  /** Canned messages (server/features/desk/cannedMessages.ts); undefined: the built-in demo set. */
  cannedMessagesFile: string | undefined;
  /** The abuse limits (server/limits/limitsConfig.ts), all on by default. */
  limits: Limits;
  /** Bearer token for `/metrics`; without one, only loopback clients may read it. */
  metricsToken: string | undefined;
  /** How long a stop (SIGTERM/SIGINT) may take before the process exits anyway. */
  shutdownGraceS: number;
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
  if (e.REDIS_URL && !e.DATABASE_URL) {
    throw new Error(
      '[hybrid-chat] invalid configuration: REDIS_URL: several nodes need one database they all reach; set DATABASE_URL (PostgreSQL) too',
    );
  }
  if (e.REDIS_URL && !e.TOKEN_SECRET) {
    throw new Error(
      '[hybrid-chat] invalid configuration: REDIS_URL: every node must accept the others’ session tokens; set the same TOKEN_SECRET on each',
    );
  }
  const desktopChatProblems = desktopChatEnvProblems(e);
  if (desktopChatProblems.length > 0) {
    throw new Error(`[hybrid-chat] invalid configuration: ${desktopChatProblems.join('; ')}`);
  }
  const rootDir = resolve(import.meta.dirname, '..');
  const dataDir = resolve(rootDir, e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    dbPath: resolve(dataDir, 'hybrid-chat.db'),
    dbDurability: e.DB_DURABILITY,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    nodeId: e.NODE_ID ?? `${hostname()}-${process.pid}`,
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
    desktopChatPrefs: desktopChatPrefDefaults(e),
    allowedOrigins: e.ALLOWED_ORIGINS,
    trustedProxies: e.TRUSTED_PROXIES,
    proxyOrigins: e.PROXY_MAP_FILE ? loadProxyMapOrigins(resolve(rootDir, e.PROXY_MAP_FILE)) : [],
    widgetFrameAncestors: e.WIDGET_FRAME_ANCESTORS,
    tokenSecret: e.TOKEN_SECRET,
    customerTokenTtlS: e.CUSTOMER_TOKEN_TTL_S,
    agentTokenTtlS: e.AGENT_TOKEN_TTL_S,
    offerTimeoutMs: e.OFFER_TIMEOUT_MS,
    maxChatsPerAgent: e.MAX_CHATS_PER_AGENT,
    defaultQueue: e.DEFAULT_QUEUE,
    finesseTimeoutMs: e.FINESSE_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    logRequests: e.LOG_REQUESTS,
    presenceGraceMs: { customer: e.PRESENCE_CUSTOMER_GRACE_S * 1000, agent: e.PRESENCE_AGENT_GRACE_S * 1000 },
    staticDir: resolve(rootDir, e.STATIC_DIR),
    publicDir: resolve(rootDir, e.PUBLIC_DIR),
    maxUploadBytes: e.MAX_UPLOAD_BYTES,
    fileLinkTtlS: e.FILE_LINK_TTL_S,
    rootDir,
    queuesFile: e.QUEUES_FILE ? resolve(rootDir, e.QUEUES_FILE) : undefined,
    queuesJson: e.QUEUES_JSON,
    whenUnstaffed: e.WHEN_UNSTAFFED,
    waitingAbandonS: e.WAITING_ABANDON_S,
    mailTransport: e.MAIL_TRANSPORT,
    mailFrom: e.MAIL_FROM,
    wrapUpSeconds: e.WRAP_UP_SECONDS,
    wrapUpReasons: e.WRAP_UP_REASONS.codes,
    wrapUpReasonLabels: e.WRAP_UP_REASONS.labels,
    transferQueues: [...new Set([e.DEFAULT_QUEUE, ...e.TRANSFER_QUEUES])],
    cannedMessagesFile: e.CANNED_MESSAGES_FILE ? resolve(rootDir, e.CANNED_MESSAGES_FILE) : undefined,
    limits: limitsFromEnv(e),
    metricsToken: e.METRICS_TOKEN,
    shutdownGraceS: e.SHUTDOWN_GRACE_S,
    ...overrides,
  };
}
