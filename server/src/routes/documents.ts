/**
 * Per-document REST:
 * - `GET /api/documents/:docName/access`: what the signed-in user may do with a document, so
 *   the client can show it read-only before anyone types. The websocket enforces the same rule.
 * - `GET /api/documents/:docName/history?field=<path>[&limit=n][&before=seq]`: who changed a
 *   field or text, when, and to what (history/fieldHistory.ts), newest first, a page at a time
 *   (`nextBefore` is the cursor for the older ones). Replays are bounded server-wide
 *   (history/historyService.ts): 429 with Retry-After when too many run.
 * - `POST /api/documents/:docName/history/restore` `{ field, seq }`: writes the value the field
 *   had after update `seq` as a new change by the user (history is never rewritten), under the
 *   websocket's write rules (403 not allowed, 409 approved report, a deleted assignment or plan
 *   entity, or an adopted plan without `reason`, the revision's reason).
 */
import {
  ASSIGNMENT_PROGRESS_FIELDS,
  accessTo,
  InvalidChangeError,
  locateField,
  MAX_FIELD_PATH_LENGTH,
  parseDocumentName,
  readAssignmentDepartment,
  readFieldAt,
  readReportStatus,
  restoreFieldAt,
  roleScope,
} from '@foljsam/domain';
import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import { HistoryBusy, type HistoryService } from '../history/historyService';
import { type Store, SYSTEM_USER_ID } from '../store/types';
import type { DocumentRegistry } from '../sync/DocumentRegistry';
import { validate } from './validation';

/** Entries in a history answer unless the client asks for another number. */
export const HISTORY_PAGE_DEFAULT = 50;
/** The most entries one history answer holds. */
export const HISTORY_PAGE_MAX = 200;

const historyQuery = z.object({
  field: z.string().min(1).max(MAX_FIELD_PATH_LENGTH),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(HISTORY_PAGE_DEFAULT),
  /** Only entries older than this update (the previous answer's `nextBefore`). */
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
const restoreBody = z.object({
  field: z.string().min(1).max(MAX_FIELD_PATH_LENGTH),
  seq: z.number().int().positive(),
  /** Why: required when restoring a field of an adopted plan (the revision's reason). */
  reason: z.string().trim().min(1).max(2000).optional(),
});

/** A restore that the document's current state does not allow (answered with 409 or 403). */
class RestoreRefused extends Error {
  constructor(
    message: string,
    readonly status: 403 | 409,
  ) {
    super(message);
  }
}

/** The answer when every history replay slot is taken. */
function busy(c: Context, error: HistoryBusy) {
  c.header('Retry-After', String(error.retryAfterSeconds));
  return c.json({ error: error.message, retryAfterSeconds: error.retryAfterSeconds }, 429);
}

/** The per-document routes (see the top of this file); `history` bounds and caches replays. */
export function documentRoutes(
  sessions: SessionService,
  registry: DocumentRegistry,
  store: Store,
  history: HistoryService,
) {
  const userNames = async (): Promise<Map<string, string>> => {
    const names = new Map((await store.users.list()).map((user) => [user.id, user.displayName]));
    names.set(SYSTEM_USER_ID, 'System');
    return names;
  };

  return new Hono<AuthEnv>()
    .use('*', requireSession(sessions))
    .get('/:docName/access', async (c) => {
      const docName = c.req.param('docName');
      const ref = parseDocumentName(docName);
      if (!ref) return c.json({ error: 'no such document' }, 404);
      // Only a report's rights depend on its content (approved or not).
      const approved =
        ref.kind === 'report' &&
        (await registry.use(docName, (document) => readReportStatus(document.doc) === 'godkand'));
      return c.json(accessTo(c.get('user'), ref, { approved }), 200);
    })
    .get('/:docName/history', validate('query', historyQuery), async (c) => {
      const docName = c.req.param('docName');
      const ref = parseDocumentName(docName);
      if (!ref) return c.json({ error: 'no such document' }, 404);
      const { field, limit, before } = c.req.valid('query');
      const path = locateField(ref, field);
      if (!path) return c.json({ error: `no field ${field} in ${ref.kind} documents` }, 400);
      let all: Awaited<ReturnType<HistoryService['history']>>;
      try {
        all = await history.history(docName, field, path);
      } catch (error) {
        if (error instanceof HistoryBusy) return busy(c, error);
        throw error;
      }
      // Oldest first: the page is the `limit` newest entries before the cursor.
      let end = all.entries.length;
      if (before !== undefined) {
        while (end > 0 && (all.entries[end - 1]?.seq as number) >= before) end--;
      }
      const start = Math.max(0, end - limit);
      const page = all.entries.slice(start, end).reverse();
      const hasMore = start > 0;
      const names = await userNames();
      return c.json(
        {
          field,
          entries: page.map((entry) => ({
            seq: entry.seq,
            at: entry.at.toISOString(),
            userId: entry.userId,
            userName: names.get(entry.userId) ?? entry.userId,
            value: entry.value as string | number | null,
            ...(entry.html === undefined ? {} : { html: entry.html }),
          })),
          /** Whether older entries exist; ask for them with `before=nextBefore`. */
          hasMore,
          nextBefore: hasMore ? (page.at(-1)?.seq ?? null) : null,
        },
        200,
      );
    })
    .post('/:docName/history/restore', validate('json', restoreBody), async (c) => {
      const docName = c.req.param('docName');
      const ref = parseDocumentName(docName);
      if (!ref) return c.json({ error: 'no such document' }, 404);
      const { field, seq, reason: revisionReason } = c.req.valid('json');
      const path = locateField(ref, field);
      if (!path) return c.json({ error: `no field ${field} in ${ref.kind} documents` }, 400);
      const user = c.get('user');
      const { scope, reason } = roleScope(user, ref);
      if (scope === 'none')
        return c.json({ error: `read-only (${reason}): you may not change this document` }, 403);
      if (scope === 'progress' && !(path.kind === 'entity' && ASSIGNMENT_PROGRESS_FIELDS.has(path.key))) {
        return c.json(
          { error: 'a department head restores only status and progress note of an assignment' },
          403,
        );
      }
      let replay: Awaited<ReturnType<HistoryService['stateAt']>>;
      try {
        replay = await history.stateAt(docName, path, seq);
      } catch (error) {
        if (error instanceof HistoryBusy) return busy(c, error);
        throw error;
      }
      if (!replay) return c.json({ error: `no stored update ${seq}` }, 404);
      const source = replay.doc;
      try {
        const { value } = readFieldAt(source, path);
        await registry.use(docName, (document) =>
          document.change(user.id, (doc) => {
            // Checked in the document's queue, like a change from a websocket.
            if (ref.kind === 'report' && readReportStatus(doc) === 'godkand') {
              throw new RestoreRefused('the report is approved (godkänd) and read-only', 409);
            }
            if (scope === 'progress' && path.kind === 'entity') {
              const departmentId = readAssignmentDepartment(doc, path.id);
              if (departmentId !== undefined && departmentId !== user.departmentId) {
                throw new RestoreRefused("the assignment is not your department's", 403);
              }
            }
            try {
              restoreFieldAt(doc, ref, path, value, {
                author: user,
                source,
                ...(revisionReason ? { reason: revisionReason } : {}),
              });
            } catch (error) {
              // A deleted entity, a value the field no longer takes, an adopted plan without a reason.
              if (error instanceof InvalidChangeError) throw new RestoreRefused(error.message, 409);
              throw error;
            }
          }),
        );
      } catch (error) {
        if (error instanceof RestoreRefused) return c.json({ error: error.message }, error.status);
        throw error;
      } finally {
        source.destroy();
      }
      return c.json({ restored: true as const }, 200);
    });
}
