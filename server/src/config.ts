/**
 * Server configuration from environment variables, validated at start: a bad value stops
 * the server with a message naming the variable, instead of failing later in odd ways.
 */
import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { HistoryLimits } from './history/historyService';

const flag = z.enum(['0', '1', 'true', 'false']).transform((value) => value === '1' || value === 'true');
const positiveInt = z.coerce.number().int().positive();
/** One e-mail address (the same check as a user's address in routes/users.ts). */
export const mailAddress = z.email('an e-mail address');

/** An address or a CIDR block, e.g. `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`. */
function isAddressOrCidr(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** A comma-separated list; blanks are dropped, so an empty value means none. */
const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0),
);

/** The path of the OpenID Connect callback route (routes/oidc.ts). */
export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';

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
  /** Most bytes one document may take in the store; a change past it is refused. */
  MAX_DOCUMENT_BYTES: positiveInt.default(64 * 1024 * 1024),
  /** Bytes of changes one user may send per minute (the write budget's refill). */
  WRITE_BUDGET_BYTES_PER_MINUTE: positiveInt.default(8 * 1024 * 1024),
  /** Bytes of changes one user may send at once (the write budget's capacity). */
  WRITE_BUDGET_BURST_BYTES: positiveInt.default(32 * 1024 * 1024),
  /** Compact a document's log into a snapshot after this many updates. */
  COMPACT_AFTER_UPDATES: positiveInt.default(500),
  /** History replays (GET/POST /api/documents/:docName/history…) that may run at once. */
  HISTORY_MAX_REPLAYS: positiveInt.default(2),
  /** History replays that may wait for a slot; more are answered 429 with Retry-After. */
  HISTORY_MAX_QUEUED: z.coerce.number().int().min(0).default(4),
  /** Memory for cached history replays, in MiB. */
  HISTORY_CACHE_MB: positiveInt.default(32),
  /** Session lifetime in hours (decimals allowed, e.g. 0.5). */
  SESSION_TTL_HOURS: z.coerce.number().positive().default(12),
  /**
   * Proxies (addresses or CIDR blocks) whose `X-Forwarded-For` names the client; from any other
   * peer the header is ignored, so a client cannot pick the address its sign-ins count against.
   */
  TRUSTED_PROXIES: commaList
    .refine(
      (entries) => entries.every(isAddressOrCidr),
      'a comma-separated list of IP addresses or CIDR blocks',
    )
    .default([]),
  /** Origins (e.g. `https://foljsam.example.se`) a browser may open the sync websocket from. */
  PUBLIC_ORIGIN: commaList
    .refine(
      (entries) => entries.every((entry) => URL.canParse(entry) && /^https?:$/.test(new URL(entry).protocol)),
      'a comma-separated list of http(s) origins',
    )
    .transform((entries) => entries.map((entry) => new URL(entry).origin))
    .default([]),
  /** Consecutive failed sign-ins to one account from one client before each one costs a wait. */
  SIGN_IN_FREE_FAILURES: z.coerce.number().int().min(0).default(5),
  /** Longest wait, in seconds, the doubling delay between failed sign-ins reaches. */
  SIGN_IN_MAX_DELAY_SECONDS: positiveInt.default(300),
  /** Failed sign-ins from one client (any accounts) per hour before it loses its free failures. */
  SIGN_IN_CLIENT_FAILURES_PER_HOUR: positiveInt.default(50),
  /** Most bytes an imported XLSX may unpack to (checked before parsing; zip bombs). */
  IMPORT_MAX_UNPACKED_BYTES: positiveInt.default(64 * 1024 * 1024),
  /** Seconds one import file may take to read before it is abandoned. */
  IMPORT_PARSE_TIMEOUT_SECONDS: z.coerce.number().positive().default(30),
  /** Import files read at the same time. */
  IMPORT_PARSE_CONCURRENCY: positiveInt.default(1),
  /** Import files that may wait for a turn; more are answered 429 with Retry-After. */
  IMPORT_PARSE_QUEUE: z.coerce.number().int().min(0).default(4),
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
  /**
   * The SMTP server reminders are sent through, e.g. `smtp://user:password@mail.example.se:587`
   * (STARTTLS when offered) or `smtps://…:465`; reminders are off when unset.
   */
  SMTP_URL: z
    .string()
    .refine(
      (value) =>
        URL.canParse(value) && /^smtps?:$/.test(new URL(value).protocol) && new URL(value).hostname !== '',
      'an smtp:// or smtps:// URL with a host, e.g. smtp://user:password@mail.example.se:587',
    )
    .optional(),
  /** The sender of reminders, e.g. `Följsam <foljsam@ale.se>`. */
  MAIL_FROM: z
    .string()
    .refine(
      (value) => mailAddress.safeParse(/<([^<>]+)>\s*$/.exec(value)?.[1] ?? value).success,
      'an e-mail address, optionally with a name: Följsam <foljsam@ale.se>',
    )
    .optional(),
  /** For testing: every e-mail goes to this address instead, naming the original recipient. */
  MAIL_REDIRECT_ALL: mailAddress.optional(),
  /** The address users open Följsam at, for links in e-mails (e.g. https://foljsam.ale.se). */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  // Single sign-on with OpenID Connect (docs/sso.md); off unless OIDC_ISSUER is set.
  /** The provider's issuer URL, e.g. `https://login.microsoftonline.com/<tenant-id>/v2.0`. */
  OIDC_ISSUER: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
  OIDC_CLIENT_ID: z.string().trim().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where the provider sends people back: `https://<host>/api/auth/oidc/callback`. */
  OIDC_REDIRECT_URL: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL' })
    .refine(
      (value) => new URL(value).pathname === OIDC_CALLBACK_PATH,
      `must end in ${OIDC_CALLBACK_PATH} (e.g. https://foljsam.ale.se${OIDC_CALLBACK_PATH})`,
    )
    .optional(),
  /** Shown on the sign-in button: "Logga in med <name>". */
  OIDC_PROVIDER_NAME: z.string().trim().min(1).max(60).optional(),
  /** The claim (in the ID token or from userinfo) that lists a person's groups. */
  OIDC_GROUPS_CLAIM: z.string().trim().min(1).default('groups'),
  /** Scopes asked for, space-separated; must include `openid`. */
  OIDC_SCOPES: z
    .string()
    .trim()
    .refine((value) => value.split(/\s+/).includes('openid'), 'a space-separated list that includes openid')
    .default('openid profile email'),
  /** `off` refuses password sign-in (single sign-on only); `on` by default. */
  LOCAL_PASSWORDS: z.enum(['on', 'off']).default('on'),
});

/** Single sign-on with OpenID Connect (auth/oidc.ts, docs/sso.md). */
export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUrl: URL;
  /** For the sign-in button. */
  providerName: string;
  groupsClaim: string;
  scopes: string;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The default button name: Entra's tenants all share one host. */
function providerNameOf(issuer: URL): string {
  return issuer.hostname === 'login.microsoftonline.com' ? 'Microsoft Entra ID' : issuer.hostname;
}

/** How reminder e-mails are sent (reminders/mailer.ts). */
export interface MailConfig {
  smtpUrl: string;
  from: string;
  /** Every message goes here instead when set. */
  redirectAll: string | undefined;
  /** Base of links in messages; none without it. */
  publicUrl: string | undefined;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  production: boolean;
  /** Load the demo workspace into an empty store (never in production). */
  demo: boolean;
  logLevel: z.infer<typeof environment>['LOG_LEVEL'];
  maxMessageBytes: number;
  maxQueuedMessages: number;
  messagesPerSecond: number;
  messageBurst: number;
  maxConnectionsPerUser: number;
  compactAfterUpdates: number;
  maxDocumentBytes: number;
  writeBudget: { bytesPerSecond: number; burstBytes: number };
  history: HistoryLimits;
  sessionTtlMs: number;
  /** Limits of reading an import file (routes/import.ts). */
  importParse: {
    maxUnpackedBytes: number;
    timeoutMs: number;
    concurrency: number;
    queue: number;
  };
  /** Interval of the purge of expired sessions. */
  sessionPurgeMs: number;
  /** PDFs that may wait behind the one printing. */
  pdfQueueMax: number;
  /** Bearer token that /metrics requires; open when undefined. */
  metricsToken: string | undefined;
  clientDist: string;
  /** Whether session cookies get the Secure flag. */
  secureCookies: boolean;
  /** Addresses and CIDR blocks of proxies trusted to name the client in `X-Forwarded-For`. */
  trustedProxies: string[];
  /** Origins allowed to open the sync websocket; empty: the request's own host only. */
  publicOrigins: string[];
  signIn: {
    freeFailures: number;
    maxDelaySeconds: number;
    clientFailuresPerHour: number;
  };
  /** Reminder e-mails; null (reminders off) without SMTP_URL. */
  mail: MailConfig | null;
  /** Single sign-on; null (passwords only) without OIDC_ISSUER. */
  oidc: OidcConfig | null;
  /** Whether password sign-in is allowed (LOCAL_PASSWORDS). */
  localPasswords: boolean;
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
  // The demo's accounts all have the password "demo": a production store must never get them.
  if (production && value.DEMO === true) {
    throw new ConfigError(
      'Invalid configuration:\n  DEMO: the demo workspace is never loaded in production (NODE_ENV=production). ' +
        'Unset DEMO, and create the first administrator with `pnpm admin init`.',
    );
  }
  if (value.SMTP_URL !== undefined && value.MAIL_FROM === undefined) {
    throw new ConfigError(
      'Invalid configuration:\n  MAIL_FROM: required with SMTP_URL (the sender of reminders, e.g. Följsam <foljsam@ale.se>)',
    );
  }
  if (value.SMTP_URL === undefined) {
    const orphans = (['MAIL_FROM', 'MAIL_REDIRECT_ALL'] as const).filter((name) => value[name] !== undefined);
    if (orphans.length > 0) {
      throw new ConfigError(
        `Invalid configuration:\n${orphans.map((name) => `  ${name}: has no effect without SMTP_URL (set SMTP_URL too, or unset ${name})`).join('\n')}`,
      );
    }
  }
  const oidc = oidcConfig(value);
  return {
    port: value.PORT,
    host: value.HOST,
    dataDir: resolve(value.DATA_DIR),
    databaseUrl: value.DATABASE_URL,
    production,
    // Demo mode is the default outside production, and impossible in it (checked above).
    demo: !production && (value.DEMO ?? true),
    logLevel: value.LOG_LEVEL,
    maxMessageBytes: value.MAX_MESSAGE_BYTES,
    maxQueuedMessages: value.MAX_QUEUED_MESSAGES,
    messagesPerSecond: value.MAX_MESSAGES_PER_SECOND,
    messageBurst: value.MAX_MESSAGE_BURST,
    maxConnectionsPerUser: value.MAX_CONNECTIONS_PER_USER,
    compactAfterUpdates: value.COMPACT_AFTER_UPDATES,
    maxDocumentBytes: value.MAX_DOCUMENT_BYTES,
    writeBudget: {
      bytesPerSecond: value.WRITE_BUDGET_BYTES_PER_MINUTE / 60,
      burstBytes: value.WRITE_BUDGET_BURST_BYTES,
    },
    history: {
      maxReplays: value.HISTORY_MAX_REPLAYS,
      maxQueued: value.HISTORY_MAX_QUEUED,
      cacheBytes: value.HISTORY_CACHE_MB * 1024 * 1024,
    },
    sessionTtlMs: Math.round(value.SESSION_TTL_HOURS * 3_600_000),
    importParse: {
      maxUnpackedBytes: value.IMPORT_MAX_UNPACKED_BYTES,
      timeoutMs: Math.round(value.IMPORT_PARSE_TIMEOUT_SECONDS * 1000),
      concurrency: value.IMPORT_PARSE_CONCURRENCY,
      queue: value.IMPORT_PARSE_QUEUE,
    },
    sessionPurgeMs: Math.max(1, Math.round(value.SESSION_PURGE_MINUTES * 60_000)),
    pdfQueueMax: value.PDF_QUEUE_MAX,
    metricsToken: value.METRICS_TOKEN,
    clientDist: resolve(value.CLIENT_DIST ?? new URL('../../client/dist', import.meta.url).pathname),
    secureCookies: production,
    trustedProxies: value.TRUSTED_PROXIES,
    publicOrigins: value.PUBLIC_ORIGIN,
    signIn: {
      freeFailures: value.SIGN_IN_FREE_FAILURES,
      maxDelaySeconds: value.SIGN_IN_MAX_DELAY_SECONDS,
      clientFailuresPerHour: value.SIGN_IN_CLIENT_FAILURES_PER_HOUR,
    },
    mail:
      value.SMTP_URL === undefined
        ? null
        : {
            smtpUrl: value.SMTP_URL,
            from: value.MAIL_FROM as string,
            redirectAll: value.MAIL_REDIRECT_ALL,
            publicUrl: value.PUBLIC_URL,
          },
    oidc,
    localPasswords: value.LOCAL_PASSWORDS === 'on',
  };
}

/** The single sign-on settings: all four of issuer, client id, secret and redirect URL, or none. */
function oidcConfig(value: z.infer<typeof environment>): OidcConfig | null {
  const required = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL'] as const;
  const missing = required.filter((name) => value[name] === undefined);
  if (missing.length === required.length) {
    if (value.LOCAL_PASSWORDS === 'off') {
      throw new ConfigError(
        'Invalid configuration:\n  LOCAL_PASSWORDS: off needs single sign-on (set OIDC_ISSUER, OIDC_CLIENT_ID, ' +
          'OIDC_CLIENT_SECRET and OIDC_REDIRECT_URL), or nobody could sign in',
      );
    }
    return null;
  }
  if (missing.length > 0) {
    throw new ConfigError(
      `Invalid configuration:\n${missing.map((name) => `  ${name}: required for single sign-on (with ${required.filter((other) => !missing.includes(other)).join(', ')})`).join('\n')}`,
    );
  }
  const issuer = new URL(value.OIDC_ISSUER as string);
  // openid-client refuses plain http to a provider; on loopback (tests, a developer's machine) it is allowed.
  if (issuer.protocol === 'http:' && !LOOPBACK_HOSTS.has(issuer.hostname)) {
    throw new ConfigError(
      'Invalid configuration:\n  OIDC_ISSUER: must be an https:// URL (plain http only on localhost or 127.0.0.1)',
    );
  }
  return {
    issuer,
    clientId: value.OIDC_CLIENT_ID as string,
    clientSecret: value.OIDC_CLIENT_SECRET as string,
    redirectUrl: new URL(value.OIDC_REDIRECT_URL as string),
    providerName: value.OIDC_PROVIDER_NAME ?? providerNameOf(issuer),
    groupsClaim: value.OIDC_GROUPS_CLAIM,
    scopes: value.OIDC_SCOPES.split(/\s+/).join(' '),
  };
}
