/**
 * `GET /api/audit?from=YYYY-MM-DD&to=YYYY-MM-DD&format=json|csv` (admin, kommunchef): the audit
 * log (revisionslogg) of a period, `to` included: sign-ins, workflow steps, user administration,
 * and one `update` row per stored document update (from the update log). CSV as every export
 * (csv.ts): Swedish Excel's dialect, formulas defused.
 */
import { isoDate } from '@foljsam/domain';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import { toCsv } from '../csv';
import type { Store } from '../store/types';
import { validate } from './validation';

export interface AuditRouteDeps {
  store: Store;
  sessions: SessionService;
}

/** Longest period one export may cover, so one request cannot read the whole log at once. */
const MAX_DAYS = 366;

const query = z
  .object({ from: isoDate, to: isoDate, format: z.enum(['json', 'csv']).default('json') })
  .refine((q) => q.from <= q.to, 'from is after to')
  .refine(
    (q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_DAYS,
    `a period is at most ${MAX_DAYS} days`,
  );

export function auditRoutes({ store, sessions }: AuditRouteDeps) {
  return new Hono<AuthEnv>().get('/', requireSession(sessions), validate('query', query), async (c) => {
    const role = c.get('user').role;
    if (role !== 'admin' && role !== 'kommunchef') {
      return c.json({ error: 'only an administrator or the kommunchef reads the audit log' }, 403);
    }
    const { from, to, format } = c.req.valid('query');
    // Dates are whole days in UTC; `to` is included.
    const events = await store.audit.list(
      new Date(`${from}T00:00:00Z`),
      new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000),
    );
    const rows = events.map((event) => ({
      at: event.at.toISOString(),
      userId: event.userId,
      userName: event.userName,
      action: event.action,
      document: event.document,
      detail: event.detail,
    }));
    if (format === 'csv') {
      const columns = ['at', 'userId', 'userName', 'action', 'document', 'detail'] as const;
      const csv = toCsv(
        columns,
        rows.map((row) => columns.map((column) => row[column])),
      );
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="audit-${from}-${to}.csv"`,
      });
    }
    return c.json(rows, 200);
  });
}
