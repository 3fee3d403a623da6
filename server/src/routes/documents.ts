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
 *   websocket's write rules (403 not allowed, 409 approved report or a deleted assignment).
 */
import {
  type Author,
  accessTo,
  assignmentField,
  parseDocumentName,
  progressStatus,
  readReportStatus,
  recordFieldEdit,
  roleScope,
  setAssignmentStatus,
} from '@foljsam/domain';
import { type Context, Hono } from 'hono';
import * as Y from 'yjs';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import { type FieldPath, parseFieldPath, readField } from '../history/fieldHistory';
import { HistoryBusy, type HistoryService } from '../history/historyService';
import { type Store, SYSTEM_USER_ID } from '../store/types';
import type { DocumentRegistry } from '../sync/DocumentRegistry';
import { validate } from './validation';

/** Entries in a history answer unless the client asks for another number. */
export const HISTORY_PAGE_DEFAULT = 50;
/** The most entries one history answer holds. */
export const HISTORY_PAGE_MAX = 200;

const historyQuery = z.object({
  field: z.string().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(HISTORY_PAGE_MAX).default(HISTORY_PAGE_DEFAULT),
  /** Only entries older than this update (the previous answer's `nextBefore`). */
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
const restoreBody = z.object({ field: z.string().min(1).max(200), seq: z.number().int().positive() });

/** A restore that the document's current state does not allow (answered with 409 or 403). */
class RestoreRefused extends Error {
  constructor(
    message: string,
    readonly status: 403 | 409,
  ) {
    super(message);
  }
}

const PROGRESS_FIELDS = new Set(['status', 'progressNote']);

/** Writes `value` (as read by readField) into `field` of `doc`, on behalf of `author`. */
function writeField(doc: Y.Doc, field: FieldPath, source: Y.Doc, value: unknown, author: Author): void {
  switch (field.kind) {
    case 'assignment': {
      const entity = doc.getMap<unknown>('assignments').get(field.id);
      if (!(entity instanceof Y.Map)) throw new RestoreRefused('the assignment no longer exists', 409);
      const status = progressStatus.safeParse(value);
      if (field.field === 'status' && status.success) {
        // Also appends to the status history and the field edit log.
        setAssignmentStatus(doc, field.id, status.data, author);
        return;
      }
      if (value === null) entity.delete(field.field);
      else entity.set(field.field, value);
      // Recorded like any write, so a concurrent change elsewhere is flagged against the restore
      // and the restore resolves a flag that was open on the field.
      recordFieldEdit(doc, assignmentField(field.id, field.field), value, author);
      return;
    }
    case 'map': {
      const map = doc.getMap<unknown>(field.root);
      if (value === null && field.root === 'itemStatuses') map.delete(field.key);
      else map.set(field.key, value);
      recordFieldEdit(doc, `${field.root}/${field.key}`, value, author);
      return;
    }
    case 'text': {
      const target = doc.getXmlFragment(field.name);
      const old = source.getXmlFragment(field.name);
      target.delete(0, target.length);
      target.insert(
        0,
        old.toArray().map((node) => (node as Y.XmlElement | Y.XmlText).clone()),
      );
      return;
    }
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
      const path = parseFieldPath(ref, field);
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
      const { field, seq } = c.req.valid('json');
      const path = parseFieldPath(ref, field);
      if (!path) return c.json({ error: `no field ${field} in ${ref.kind} documents` }, 400);
      const user = c.get('user');
      const { scope, reason } = roleScope(user, ref);
      if (scope === 'none')
        return c.json({ error: `read-only (${reason}): you may not change this document` }, 403);
      if (scope === 'progress' && !(path.kind === 'assignment' && PROGRESS_FIELDS.has(path.field))) {
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
        const { value } = readField(source, path);
        await registry.use(docName, (document) =>
          document.change(user.id, (doc) => {
            // Checked in the document's queue, like a change from a websocket.
            if (ref.kind === 'report' && readReportStatus(doc) === 'godkand') {
              throw new RestoreRefused('the report is approved (godkänd) and read-only', 409);
            }
            if (scope === 'progress' && path.kind === 'assignment') {
              const entity = doc.getMap<unknown>('assignments').get(path.id);
              if (entity instanceof Y.Map && entity.get('departmentId') !== user.departmentId) {
                throw new RestoreRefused("the assignment is not your department's", 403);
              }
            }
            writeField(doc, path, source, value, user);
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
