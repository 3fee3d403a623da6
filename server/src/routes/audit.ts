/**
 * `GET /api/audit?from=YYYY-MM-DD&to=YYYY-MM-DD[&user=][&document=][&field=][&offset=&limit=]
 * [&format=json|csv]` (admin, kommunchef): the audit log (revisionslogg) of a period of Swedish
 * days, `to` included: sign-ins, workflow steps, user administration, and every stored document
 * update resolved to the fields it changed with the old and new value (audit/auditLog.ts).
 * JSON is one page, newest first; CSV is every matching row, in Swedish Excel's dialect
 * (csv.ts) with Swedish headings and words.
 */
import { isoDate } from '@foljsam/domain';
import { Hono } from 'hono';
import { z } from 'zod';
import { AuditChanges } from '../audit/auditChanges';
import { AUDIT_CSV_COLUMNS, AuditLog, auditCsvRows } from '../audit/auditLog';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import { toCsv } from '../csv';
import type { Store } from '../store/types';
import { validate } from './validation';

export interface AuditRouteDeps {
  store: Store;
  sessions: SessionService;
}

/** Longest period one request may cover, so one request cannot read the whole log at once. */
const MAX_DAYS = 366;
/** Most rows of one page. */
export const MAX_AUDIT_PAGE = 200;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((value) => (value === '' ? undefined : value));

const query = z
  .object({
    from: isoDate,
    to: isoDate,
    user: optionalText(200),
    document: optionalText(200),
    field: optionalText(200),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
    limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(50),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => q.from <= q.to, 'from is after to')
  .refine(
    (q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_DAYS,
    `a period is at most ${MAX_DAYS} days`,
  );

export function auditRoutes({ store, sessions }: AuditRouteDeps) {
  const log = new AuditLog(store, new AuditChanges(store.documents));
  return new Hono<AuthEnv>().get('/', requireSession(sessions), validate('query', query), async (c) => {
    const role = c.get('user').role;
    if (role !== 'admin' && role !== 'kommunchef') {
      return c.json({ error: 'only an administrator or the kommunchef reads the audit log' }, 403);
    }
    const { format, ...filters } = c.req.valid('query');
    if (format === 'csv') {
      const { rows } = await log.rows(filters);
      return c.body(toCsv(AUDIT_CSV_COLUMNS, auditCsvRows(rows)), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="revisionslogg-${filters.from}-${filters.to}.csv"`,
      });
    }
    return c.json(await log.page(filters), 200);
  });
}
