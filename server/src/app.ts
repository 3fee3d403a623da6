/**
 * The Hono application: REST routes under /api, websocket sync under /sync, and the built
 * client at /. Route modules are mounted with `app.route()`; `ApiType` types the RPC client.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { createNodeWebSocket } from '@hono/node-ws';
import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { TrustedProxies } from './auth/clientAddress';
import { OidcSignIn } from './auth/oidc';
import { SessionService } from './auth/sessions';
import { SignInLimiter } from './auth/signInLimiter';
import { PdfPrinter } from './board/boardPdf';
import type { Clock } from './clock';
import { systemClock } from './clock';
import type { Config } from './config';
import { HistoryService } from './history/historyService';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { auditRoutes } from './routes/audit';
import { authRoutes } from './routes/auth';
import { boardRoutes } from './routes/board';
import { calendarRoutes } from './routes/calendar';
import { departmentRoutes } from './routes/departments';
import { documentRoutes } from './routes/documents';
import { exportRoutes } from './routes/export';
import { healthRoutes } from './routes/health';
import { importRoutes } from './routes/import';
import { koladaRoutes } from './routes/kolada';
import { oidcRoutes } from './routes/oidc';
import { planRoutes } from './routes/plans';
import { mailLogRoutes, reminderSettingsRoutes } from './routes/reminders';
import { reportRoutes } from './routes/reports';
import { ssoGroupRoutes } from './routes/ssoGroups';
import { userRoutes } from './routes/users';
import { workspaceRoutes } from './routes/workspace';
import type { Store } from './store/types';
import { DocumentRegistry } from './sync/DocumentRegistry';
import type { SyncObserver } from './sync/SyncObserver';
import { syncRoute } from './sync/syncRoute';
import { WriteBudget } from './sync/WriteBudget';
import { domainWritePolicy } from './sync/WritePolicy';
import { apiBodyLimit } from './uploadLimit';

export interface AppDeps {
  config: Config;
  store: Store;
  log: Logger;
  /** The time the server judges deadlines and reminders by; the machine's clock by default. */
  clock?: Clock;
}

function apiRoutes(
  store: Store,
  sessions: SessionService,
  registry: DocumentRegistry,
  config: Config,
  log: Logger,
  clock: Clock,
) {
  const limiter = new SignInLimiter(config.signIn);
  const trustedProxies = new TrustedProxies(config.trustedProxies);
  const oidc = config.oidc ? new OidcSignIn(config.oidc) : null;
  const secureCookies = config.secureCookies;
  const api = new Hono()
    .route('/health', healthRoutes(store, registry))
    .route(
      '/auth',
      authRoutes({
        store,
        sessions,
        limiter,
        trustedProxies,
        secureCookies,
        log,
        localPasswords: config.localPasswords,
        oidc,
      }),
    )
    .route('/sso-groups', ssoGroupRoutes({ store, sessions }))
    .route('/departments', departmentRoutes(store, sessions))
    .route('/workspace', workspaceRoutes(sessions, store.workspace))
    .route(
      '/documents',
      documentRoutes(sessions, registry, store, new HistoryService(store.documents, config.history)),
    )
    .route('/reports', reportRoutes({ store, sessions, registry, clock }))
    .route('/plans', planRoutes({ store, sessions, registry }))
    .route('/users', userRoutes({ store, sessions }))
    .route(
      '/reminder-settings',
      reminderSettingsRoutes({ store, sessions, mailEnabled: config.mail !== null }),
    )
    .route('/mail-log', mailLogRoutes({ store, sessions }))
    .route('/audit', auditRoutes({ store, sessions }))
    .route('/board-report', boardRoutes(sessions, registry, new PdfPrinter(config.pdfQueueMax), log))
    .route('/import', importRoutes(sessions, registry, config.importParse))
    .route('/export', exportRoutes(sessions, registry))
    .route('/kolada', koladaRoutes(sessions, registry, store.workspace))
    .route('/', calendarRoutes({ store, sessions, registry, clock }));
  // Browser navigations, not API calls: outside the RPC client's type.
  if (oidc) api.route('/auth/oidc', oidcRoutes({ oidc, store, sessions, secureCookies, log }));
  return api;
}

/** The REST API's type, for Hono's RPC client (`hc<ApiType>('/api')`). */
export type ApiType = ReturnType<typeof apiRoutes>;

/**
 * Guards /metrics with `Authorization: Bearer <token>` when a token is configured (hono's
 * bearerAuth compares in constant time); every refusal is a 401 with a JSON message.
 */
function metricsAuth(token: string | undefined): MiddlewareHandler {
  if (token === undefined) return (_c, next) => next();
  const refusal = (c: Context) =>
    c.json({ error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' }, 401, {
      'WWW-Authenticate': 'Bearer realm="metrics"',
    });
  const check = bearerAuth({
    token,
    realm: 'metrics',
    noAuthenticationHeader: { message: refusal },
    // A malformed header is refused like a wrong token, not with bearerAuth's 400.
    invalidAuthenticationHeader: { message: refusal },
    invalidToken: { message: refusal },
  });
  return async (c, next) => {
    try {
      return await check(c, next);
    } catch (error) {
      // The app's error handler would turn its response into a bare message and drop the header.
      if (error instanceof HTTPException) return error.getResponse();
      throw error;
    }
  };
}

export function createApp({ config, store, log, clock = systemClock }: AppDeps) {
  const app = new Hono();
  const { upgradeWebSocket, injectWebSocket, wss } = createNodeWebSocket({ app });
  // The ws library closes a connection whose frame is larger than this with 1009, before
  // buffering it whole.
  wss.options.maxPayload = config.maxMessageBytes;

  const sessions = new SessionService(store, { ttlMs: config.sessionTtlMs });
  const metrics = createMetrics();
  const observer: SyncObserver = {
    updatesStored(count, seconds) {
      metrics.updatesStored.inc(count);
      metrics.storeLatency.observe(seconds);
    },
    error: (kind) => metrics.errors.inc({ kind }),
    connectionOpened: () => metrics.connections.inc(),
    connectionClosed: () => metrics.connections.dec(),
  };
  const registry = new DocumentRegistry(
    store.documents,
    {
      compactAfterUpdates: config.compactAfterUpdates,
      maxBatchSize: 256,
      writePolicy: domainWritePolicy({ maxDocumentBytes: config.maxDocumentBytes }),
      observer,
    },
    log,
    store.fanout,
  );

  app.onError((error, c) => {
    // Hono's own 4xx (e.g. a body that is not JSON) keep their status, with a JSON message.
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: error.message || 'bad request' }, error.status);
    }
    log.error({ err: error, path: c.req.path }, 'unhandled error');
    return c.json({ error: 'internal error' }, 500);
  });
  app.use('*', secureHeaders());
  // A cross-site form post (the only kind a browser sends without a CORS preflight) must come
  // from our own origin; JSON requests from other origins are already stopped by CORS.
  const csrfProtection = csrf();
  app.use('/api/*', (c, next) =>
    // A bearer token never rides along on a forged request the way a cookie does.
    c.req.header('authorization') ? next() : csrfProtection(c, next),
  );
  app.use('/api/*', apiBodyLimit());
  app.route('/api', apiRoutes(store, sessions, registry, config, log, clock));
  app.get('/metrics', metricsAuth(config.metricsToken), async (c) => {
    metrics.documentsLoaded.set(registry.size);
    return c.text(await metrics.registry.metrics(), 200, { 'content-type': metrics.registry.contentType });
  });
  app.all('/api/*', (c) => c.json({ error: 'not found' }, 404));
  app.route(
    '/sync',
    syncRoute({
      maxConnectionsPerUser: config.maxConnectionsPerUser,
      sessions,
      registry,
      upgradeWebSocket,
      log,
      publicOrigins: config.publicOrigins,
      limits: {
        maxMessageBytes: config.maxMessageBytes,
        maxQueuedMessages: config.maxQueuedMessages,
        messagesPerSecond: config.messagesPerSecond,
        messageBurst: config.messageBurst,
        writeBudget: new WriteBudget(config.writeBudget),
        observer,
      },
    }),
  );

  if (existsSync(config.clientDist)) {
    // serveStatic resolves `root` against the working directory.
    const root = relative(process.cwd(), config.clientDist) || '.';
    // The build writes Brotli and gzip copies (scripts/build.mjs): a first visit downloads the
    // whole app for offline use, most of it PGlite's WebAssembly.
    // Files under /assets/ carry a hash of their content in their name: a browser may keep them
    // for good. The shell and the service worker must be asked for again, or an update would
    // never reach anyone.
    app.use(
      '/assets/*',
      serveStatic({
        root,
        precompressed: true,
        onFound: (_path, c) => c.header('Cache-Control', 'public, max-age=31536000, immutable'),
      }),
    );
    const revalidate = (_path: string, c: Context) => c.header('Cache-Control', 'no-cache');
    app.use('/*', serveStatic({ root, precompressed: true, onFound: revalidate }));
    // Client-side routes all load the app shell.
    app.get('*', serveStatic({ root, path: 'index.html', precompressed: true, onFound: revalidate }));
  } else {
    log.warn({ clientDist: config.clientDist }, 'no built client; run `pnpm build` to serve the app');
  }

  return { app, injectWebSocket, registry, wss };
}
