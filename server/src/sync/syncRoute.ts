/**
 * The websocket endpoint `/sync/<docName>`: checks the page's origin (403), the session (401),
 * the document name (404) and read access (403) before upgrading, then wires the socket to its
 * document.
 */
import {
  type DocumentRef,
  parseDocumentName,
  planDocumentName,
  readDepartmentBudgetTkr,
  roleScope,
  type WriteScope,
} from '@foljsam/domain';
import { Hono } from 'hono';
import type { UpgradeWebSocket, WSEvents } from 'hono/ws';
import type { RawData, WebSocket } from 'ws';
import { type AuthEnv, requireSession } from '../auth/middleware';
import { hashToken, type SessionService } from '../auth/sessions';
import type { Logger } from '../logger';
import { Connection } from './Connection';
import { CloseCode } from './closeCodes';
import type { DocumentRegistry } from './DocumentRegistry';
import { MessageReceiver, type MessageReceiverOptions } from './MessageReceiver';
import type { SyncDocument } from './SyncDocument';
import type { ChangeContext } from './writeGuard';

export interface SyncRouteDeps {
  /** Open websockets one user may have; more are refused at the upgrade with 429. */
  maxConnectionsPerUser: number;
  sessions: SessionService;
  registry: DocumentRegistry;
  upgradeWebSocket: UpgradeWebSocket<WebSocket>;
  log: Logger;
  limits: MessageReceiverOptions;
  /** Origins a browser may open a socket from; empty: the origin whose host is the request's Host. */
  publicOrigins: readonly string[];
}

/**
 * Whether a websocket upgrade may proceed given its `Origin`. Browsers send Origin on every
 * websocket and do not apply CORS to it, so without this check any site a signed-in user visits
 * could open their documents with their cookie (SameSite=Lax only covers some cases). Clients
 * that are not browsers (y-websocket in Node, tests) send no Origin; they cannot ride on
 * someone's cookie, so they are let through to the session check.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  publicOrigins: readonly string[],
): boolean {
  if (origin === undefined) return true;
  if (!URL.canParse(origin)) return false;
  const parsed = new URL(origin);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (publicOrigins.length > 0) return publicOrigins.includes(parsed.origin);
  if (!host) return false;
  // Parsed with the origin's scheme so that a default port compares equal with or without it.
  const hostUrl = `${parsed.protocol}//${host}`;
  return URL.canParse(hostUrl) && new URL(hostUrl).host === parsed.host;
}

/** A frame's bytes as ws hands them over (one Buffer, unless binaryType was changed). */
function toBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

let nextConnectionId = 1;
/** setTimeout's longest delay (about 24.8 days); longer sessions are checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function syncRoute({
  maxConnectionsPerUser,
  sessions,
  registry,
  upgradeWebSocket,
  log,
  limits,
  publicOrigins,
}: SyncRouteDeps) {
  const openByUser = new Map<string, number>();
  /** Open connections by user, with the hash of the session token each was opened with. */
  const live = new Map<string, Map<Connection, string>>();
  sessions.onEnded((ended) => {
    const matching =
      'userId' in ended
        ? [...(live.get(ended.userId)?.keys() ?? [])]
        : [...live.values()].flatMap((byConnection) =>
            [...byConnection]
              .filter(([, tokenHash]) => tokenHash === ended.tokenHash)
              .map(([connection]) => connection),
          );
    const roleChanged = 'reason' in ended && ended.reason === 'role-changed';
    for (const connection of matching) {
      if (roleChanged) connection.close(CloseCode.roleChanged, 'role changed');
      else connection.close(CloseCode.sessionEnded, 'session ended');
    }
  });
  const countOpen = (userId: string, delta: 1 | -1) => {
    const count = (openByUser.get(userId) ?? 0) + delta;
    if (count > 0) openByUser.set(userId, count);
    else openByUser.delete(userId);
  };
  return new Hono<
    AuthEnv & {
      Variables: { docName: string; ref: DocumentRef; writeScope: WriteScope };
    }
  >().get(
    '/:docName',
    async (c, next) => {
      if (!originAllowed(c.req.header('origin'), c.req.header('host'), publicOrigins)) {
        log.warn({ origin: c.req.header('origin') }, 'websocket refused: foreign origin');
        return c.json({ error: 'this origin may not open a sync connection' }, 403);
      }
      await next();
    },
    requireSession(sessions, { queryToken: true }),
    async (c, next) => {
      const docName = c.req.param('docName');
      const ref = parseDocumentName(docName);
      if (!ref) return c.json({ error: 'no such document' }, 404);
      // Everyone signed in reads every document; a 403 would come here if that changed.
      if ((openByUser.get(c.get('user').id) ?? 0) >= maxConnectionsPerUser) {
        limits.observer.error('too-many-connections');
        return c.json({ error: 'too many open documents for this user' }, 429);
      }
      c.set('docName', docName);
      c.set('ref', ref);
      const writeScope = roleScope(c.get('user'), ref).scope;
      c.set('writeScope', writeScope);
      await next();
    },
    upgradeWebSocket((c) => {
      const user = c.get('user');
      const tokenHash = hashToken(c.get('sessionToken'));
      const expiresAt = c.get('sessionExpiresAt');
      const docName = c.get('docName');
      const ref = c.get('ref');
      const writeScope = c.get('writeScope');
      // A report's budget figures are checked against the department's budget in the plan. A
      // connection that may write a report holds the plan open while it lives and reads the
      // budget at each check: the plan loads once for all of them (not once per connection, as
      // when a deadline brings every department head in at once), and a budget changed in the
      // plan counts at once. A connection that may not write needs no budget and opens no plan.
      const planName = ref.kind === 'report' && writeScope !== 'none' ? planDocumentName(ref.year) : null;
      let plan: SyncDocument | undefined;
      const changeContext: ChangeContext = {
        get departmentBudgetTkr() {
          return plan && ref.kind === 'report' ? readDepartmentBudgetTkr(plan.doc, ref.departmentId) : null;
        },
      };
      const id = nextConnectionId++;
      let connection: Connection | undefined;
      let receiver: MessageReceiver | undefined;
      let document: SyncDocument | undefined;
      let expiry: ReturnType<typeof setTimeout> | undefined;
      const events: WSEvents<WebSocket> = {
        onOpen(_event, ws) {
          limits.observer.connectionOpened();
          countOpen(user.id, 1);
          const connectionLog = log.child({ connectionId: id, docName, userId: user.id, writeScope });
          connection = new Connection(
            id,
            user,
            docName,
            ref,
            writeScope,
            ws.raw as WebSocket,
            connectionLog,
            changeContext,
          );
          const opened = connection;
          const mine = live.get(user.id) ?? new Map<Connection, string>();
          mine.set(opened, tokenHash);
          live.set(user.id, mine);
          // A socket is authenticated once, at the upgrade: it must not outlive its session.
          const closeAtExpiry = () => {
            const left = expiresAt.getTime() - Date.now();
            if (left <= 0) opened.close(CloseCode.sessionEnded, 'session expired');
            else expiry = setTimeout(closeAtExpiry, Math.min(left, MAX_TIMER_MS));
          };
          closeAtExpiry();
          receiver = new MessageReceiver(opened, limits);
          const openedReceiver = receiver;
          // Frames are read from the ws socket itself: hono's onMessage copies every frame
          // into a new ArrayBuffer and wraps it in a MessageEvent, a cost on every message of
          // every client (issue #17's profile). Hono replays frames that arrived before this
          // handler returns through onMessage, synchronously, right after it; then onMessage
          // goes, so hono no longer builds events for it (its call is optional).
          (ws.raw as WebSocket).on('message', (data, isBinary) => {
            openedReceiver.receive(isBinary ? toBytes(data) : toBytes(data).toString());
          });
          queueMicrotask(() => {
            delete events.onMessage;
          });
          // Attached once both are open: no change to a report is checked without the plan.
          void Promise.allSettled([
            registry.open(docName),
            planName ? registry.open(planName) : Promise.resolve(undefined),
          ]).then(([loadedDocument, loadedPlan]) => {
            const loaded = loadedDocument.status === 'fulfilled' ? loadedDocument.value : undefined;
            const heldPlan = loadedPlan.status === 'fulfilled' ? loadedPlan.value : undefined;
            if (loaded && opened.isOpen && loadedPlan.status === 'fulfilled') {
              document = loaded;
              plan = heldPlan;
              openedReceiver.attach(loaded);
              return;
            }
            if (loaded) void registry.release(loaded);
            if (heldPlan) void registry.release(heldPlan);
            const failed = [loadedDocument, loadedPlan].find((result) => result.status === 'rejected');
            if (failed) {
              limits.observer.error('load-failure');
              connectionLog.error({ err: failed.reason }, 'loading the document failed');
              opened.close(CloseCode.internalError, 'could not load the document');
            }
          });
        },
        // Only for frames that arrive before onOpen returns (hono replays them here); later
        // frames come from the socket itself, see onOpen.
        onMessage(event) {
          receiver?.receive(event.data as ArrayBuffer | string);
        },
        onClose() {
          clearTimeout(expiry);
          const mine = live.get(user.id);
          if (connection && mine) {
            mine.delete(connection);
            if (mine.size === 0) live.delete(user.id);
          }
          if (connection) {
            limits.observer.connectionClosed();
            countOpen(user.id, -1);
          }
          connection?.markClosed();
          if (connection && document) {
            document.detach(connection);
            void registry.release(document);
          }
          if (plan) void registry.release(plan);
          plan = undefined;
        },
        onError(event) {
          const error = (event as Event & { error?: { code?: string } }).error;
          // The ws library refuses frames over maxPayload itself (close code 1009).
          if (error?.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') limits.observer.error('message-too-big');
          connection?.log.warn({ err: error }, 'websocket error');
        },
      };
      return events;
    }),
  );
}
