/**
 * The report workflow: `GET /api/reports/:period/:departmentId/workflow` (a month `YYYY-MM`, a tertial report
 * `YYYY-T1`/`YYYY-T2` or the year-end report `YYYY-VB`) and the steps
 * `POST .../submit`, `.../approve`, `.../return` `{ comment }`, `.../reopen` `{ reason }`.
 * A step writes the report's `meta` through {@link SyncDocument.change} (stored under the
 * user, then sent to every open client, so everyone sees the new status live), records the
 * step in the audit log and, at approval, stores a frozen snapshot of the report
 * (`GET .../approvals` lists them).
 */
import {
  parseDocumentName,
  readReport,
  readReportStatus,
  reportDocumentName,
  reportPeriodId,
  setReportStatus,
  storedDepartmentReport,
} from '@foljsam/domain';
import { type Context, Hono } from 'hono';
import * as Y from 'yjs';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import type { Clock } from '../clock';
import {
  allowedActions,
  mayTake,
  TRANSITIONS,
  WORKFLOW_ACTIONS,
  type WorkflowAction,
  WorkflowConflictError,
} from '../reports/workflow';
import type { Store, User } from '../store/types';
import type { DocumentRegistry } from '../sync/DocumentRegistry';
import { validate } from './validation';

export interface ReportRouteDeps {
  store: Store;
  sessions: SessionService;
  registry: DocumentRegistry;
  clock: Clock;
}

const target = z.object({
  /** The reporting period: `YYYY-MM`, `YYYY-T1`, `YYYY-T2` or `YYYY-VB`. */
  period: reportPeriodId,
  departmentId: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'not a department id'),
});
const returnBody = z.object({ comment: z.string().trim().min(1, 'a comment is required').max(5000) });
const reopenBody = z.object({ reason: z.string().trim().min(1, 'a reason is required').max(5000) });

export interface WorkflowEvent {
  action: WorkflowAction;
  userId: string | null;
  userName: string;
  /** ISO time. */
  at: string;
  comment: string | null;
}

export interface WorkflowView {
  docName: string;
  status: 'utkast' | 'inskickad' | 'godkand' | 'aterremitterad';
  allowed: WorkflowAction[];
  events: WorkflowEvent[];
}

export function reportRoutes({ store, sessions, registry, clock }: ReportRouteDeps) {
  /** The report's document name, or an error answer (unknown department: 404). */
  async function reportOf(period: string, departmentId: string) {
    const departments = await store.departments.list();
    if (!departments.some((department) => department.id === departmentId)) return null;
    const docName = reportDocumentName(period, departmentId);
    return parseDocumentName(docName)?.kind === 'report' ? { docName, period, departmentId } : null;
  }

  async function view(user: User, docName: string, departmentId: string): Promise<WorkflowView> {
    const status = await registry.use(docName, (document) => readReportStatus(document.doc));
    const events = await store.audit.forDocument(docName, WORKFLOW_ACTIONS);
    return {
      docName,
      status,
      allowed: allowedActions(user, departmentId, status),
      events: events.map((event) => ({
        action: event.action as WorkflowAction,
        userId: event.userId,
        userName: event.userName,
        at: event.at.toISOString(),
        comment: event.detail || null,
      })),
    };
  }

  async function step(c: Context<AuthEnv>, action: WorkflowAction, comment: string | null) {
    const { period, departmentId } = target.parse(c.req.param());
    const report = await reportOf(period, departmentId);
    if (!report) return c.json({ error: `no department ${departmentId}` }, 404);
    const user = c.get('user');
    if (!mayTake(user, action, departmentId)) {
      return c.json({ error: `a ${user.role} may not ${action} this department's report` }, 403);
    }
    let approval: { state: Uint8Array; data: unknown } | null = null;
    try {
      await registry.use(report.docName, (document) =>
        document.change(user.id, (doc) => {
          const status = readReportStatus(doc);
          // Checked in the document's queue, so two steps at once cannot both pass.
          if (!TRANSITIONS[action].from.includes(status)) throw new WorkflowConflictError(action, status);
          setReportStatus(doc, TRANSITIONS[action].to, user.username, {
            at: clock.now(),
            ...(action === 'return' && comment ? { comment } : {}),
          });
          if (action === 'approve') {
            approval = { state: Y.encodeStateAsUpdate(doc), data: readReport(doc, period, departmentId) };
          }
        }),
      );
    } catch (error) {
      if (error instanceof WorkflowConflictError) return c.json({ error: error.message }, 409);
      throw error;
    }
    const frozen = approval as { state: Uint8Array; data: unknown } | null;
    if (frozen) {
      await store.approvals.save({ docName: report.docName, approvedBy: user.id, ...frozen });
    }
    await store.audit.append({
      userId: user.id,
      userName: user.displayName,
      action,
      document: report.docName,
      detail: comment ?? '',
    });
    return c.json(await view(user, report.docName, departmentId), 200);
  }

  return new Hono<AuthEnv>()
    .use('*', requireSession(sessions))
    .get('/:period/:departmentId/workflow', validate('param', target), async (c) => {
      const { period, departmentId } = c.req.valid('param');
      const report = await reportOf(period, departmentId);
      if (!report) return c.json({ error: `no department ${departmentId}` }, 404);
      return c.json(await view(c.get('user'), report.docName, departmentId), 200);
    })
    .get('/:period/:departmentId/approvals', validate('param', target), async (c) => {
      const { period, departmentId } = c.req.valid('param');
      const report = await reportOf(period, departmentId);
      if (!report) return c.json({ error: `no department ${departmentId}` }, 404);
      const approvals = await store.approvals.list(report.docName);
      return c.json(
        {
          approvals: approvals.map((approval) => ({
            approvedBy: approval.approvedBy,
            approvedAt: approval.approvedAt.toISOString(),
            /**
             * The report as plain data at approval (readReport's shape); one frozen before
             * reports had periods gets its month as its period.
             */
            data: storedDepartmentReport.safeParse(approval.data).data ?? approval.data,
            /** The frozen Yjs state, base64. */
            state: Buffer.from(approval.state).toString('base64'),
          })),
        },
        200,
      );
    })
    .post('/:period/:departmentId/submit', validate('param', target), (c) => step(c, 'submit', null))
    .post('/:period/:departmentId/approve', validate('param', target), (c) => step(c, 'approve', null))
    .post('/:period/:departmentId/return', validate('param', target), validate('json', returnBody), (c) =>
      step(c, 'return', c.req.valid('json').comment),
    )
    .post('/:period/:departmentId/reopen', validate('param', target), validate('json', reopenBody), (c) =>
      step(c, 'reopen', c.req.valid('json').reason),
    );
}
