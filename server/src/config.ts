/**
 * Server configuration from environment variables, validated at start: a bad value stops
 * the server with a message naming the variable, instead of failing later in odd ways.
 */
import { resolve } from 'node:path';
import { z } from 'zod';

const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');
const positiveInt = z.coerce.number().int().positive();

const environment = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8787),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  NODE_ENV: z.string().default('development'),
  DEMO: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Largest websocket frame accepted, in bytes. */
  MAX_MESSAGE_BYTES: positiveInt.default(32 * 1024 * 1024),
  /** Frames a connection may send while its document loads. */
  MAX_QUEUED_MESSAGES: positiveInt.default(1000),
  /** Sustained websocket frames per second one connection may send (token bucket refill). */
  MAX_MESSAGES_PER_SECOND: positiveInt.default(200),
  /** Websocket frames one connection may send in a burst (token bucket capacity). */
  MAX_MESSAGE_BURST: positiveInt.default(2000),
  /** Open websockets one user may have (every open document is one). */
  MAX_CONNECTIONS_PER_USER: positiveInt.default(300),
  /** Compact a document's log into a snapshot after this many updates. */
  COMPACT_AFTER_UPDATES: positiveInt.default(500),
  /** Session lifetime in hours (decimals allowed, e.g. 0.5). */
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /** Minutes between purges of expired sessions from the store (decimals allowed). */
  SESSION_PURGE_MINUTES: z.coerce.number().positive().default(10),
  /** PDFs that may wait while one prints; past that a PDF request gets 429. */
  PDF_QUEUE_MAX: z.coerce.number().int().min(0).default(4),
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z
    .string()
    .min(16, 'at least 16 characters')
    .regex(/^[A-Za-z0-9._~+/-]+=*$/, 'a bearer token: letters, digits and . _ ~ + / - (then = padding)')
    .optional(),
  /** Folder of the built client; served at / when it exists. */
  CLIENT_DIST: z.string().optional(),
  // Read where they are used (server/src/board, server/src/routes/kolada.ts); checked here so
  // a bad value stops the start instead of failing the first PDF or fetch.
  /** Chromium for the board report's PDF (default /usr/bin/chromium). */
  CHROMIUM_PATH: z.string().min(1).optional(),
  /** Kolada's API base URL; fetching official figures is off when unset. */
  KOLADA_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** The municipality's four-digit Kolada id (default 1440, Ale). */
  KOLADA_MUNICIPALITY: z
    .string()
    .regex(/^\d{4}$/, 'a four-digit municipality id')
    .optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  production: boolean;
  /** Load the demo workspace into an empty store. */
  demo: boolean;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  maxMessageBytes: number;
  maxQueuedMessages: number;
  messagesPerSecond: number;
  messageBurst: number;
  maxConnectionsPerUser: number;
  compactAfterUpdates: number;
  sessionTtlMs: number;
  /** Interval of the purge of expired sessions. */
  sessionPurgeMs: number;
  /** PDFs that may wait behind the one printing. */
  pdfQueueMax: number;
  /** Bearer token that /metrics requires; open when undefined. */
  metricsToken: string | undefined;
  clientDist: string;
  /** Whether session cookies get the Secure flag. */
  secureCookies: boolean;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws a {@link ConfigError} listing every bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environment.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const value = parsed.data;
  const production = value.NODE_ENV === 'production';
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL,
    production,
    // Demo mode is the default, except in production, where it must be asked for.
    demo: value.DEMO ?? !production,
    logLevel: value.LOG_LEVEL,
    maxMessageBytes: value.MAX_MESSAGE_BYTES,
    maxQueuedMessages: value.MAX_QUEUED_MESSAGES,
    messagesPerSecond: value.MAX_MESSAGES_PER_SECOND,
    messageBurst: value.MAX_MESSAGE_BURST,
    maxConnectionsPerUser: value.MAX_CONNECTIONS_PER_USER,
    compactAfterUpdates: value.COMPACT_AFTER_UPDATES,
    sessionTtlMs: Math.round(value.SESSION_TTL_HOURS * 3_600_000),
    sessionPurgeMs: Math.max(1, Math.round(value.SESSION_PURGE_MINUTES * 60_000)),
    pdfQueueMax: value.PDF_QUEUE_MAX,
    metricsToken: value.METRICS_TOKEN,
    clientDist: resolve(value.CLIENT_DIST ?? new URL('../../client/dist', import.meta.url).pathname),
    secureCookies: production,
  };
}
