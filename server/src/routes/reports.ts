/**
 * The report workflow: `GET /api/reports/:period/:departmentId/workflow` (a month `YYYY-MM`, a tertial report
 * `YYYY-T1`/`YYYY-T2` or the year-end report `YYYY-VB`) and the steps
 * `POST .../submit`, `.../approve`, `.../return` `{ comment }`, `.../reopen` `{ reason }`.
 * A step writes the report's `meta` through {@link SyncDocument.change} (stored under the
 * user, then sent to every open client, so everyone sees the new status live), records the
 * step in the audit log and, at approval, stores a frozen snapshot of the report
 * (`GET .../approvals` lists them).
 *
 * Submitting records the report's version (reportVersion.ts) in `meta`, so every change after
 * it is listed for the reviewer (`changes` of the workflow view, "Ändrat efter inskick"); it is
 * refused (409, `problem`) while a budget figure is implausible or a forecast far from budget
 * has no budget analysis (budgetPlausibility.ts). Approving carries `{ version }`, the version
 * the approver saw (base64 of a Yjs snapshot: state vector and delete set); if the report is
 * not exactly at that version the answer is 409 with the `changes` since it, and nothing is
 * stored. Without a version the answer is 400.
 */
import {
  type BudgetIssue,
  decodeReportVersion,
  isAtVersion,
  parseDocumentName,
  planDocumentName,
  type ReportChange,
  readBudgetAnalysis,
  readDepartmentBudgetTkr,
  readReport,
  readReportStatus,
  readReportStatusChange,
  recordSubmittedVersion,
  reportChangesSince,
  reportChangesSinceSubmission,
  reportDocumentName,
  reportPeriodId,
  setReportStatus,
  storedDepartmentReport,
  submitBudgetProblem,
} from '@foljsam/domain';
import { zValidator } from '@hono/zod-validator';
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
/** `version` is checked in the step, after the role: whoever may not approve gets 403 first. */
const approveBody = z.object({ version: z.unknown().optional() });
const NO_VERSION =
  'approve needs the version of the report you saw (reload the page to get a current client)';

/** A change of the report since a version, with its writers named (texts by the update log). */
export interface WorkflowChange {
  /** The field path (`budget/forecastTkr`, `analysis:<itemKey>`, …); the client names it. */
  field: string;
  /** Display names of who changed it, each once. */
  by: string[];
}

/** Thrown inside the approval when the report is not at the version the approver saw. */
class StaleVersionError extends Error {
  constructor(readonly changes: ReportChange[]) {
    super('the report has changed since the version you approved; look at the changes and approve again');
    this.name = 'StaleVersionError';
  }
}

/** Thrown inside the submission when the budget figures do not allow it. */
class BudgetProblemError extends Error {
  constructor(readonly problem: BudgetIssue) {
    super(
      problem.code === 'commentRequired'
        ? 'the forecast deviates more than 10 % from the budget: write a budget analysis before submitting'
        : `a budget figure is implausible (${problem.code}): correct it before submitting`,
    );
    this.name = 'BudgetProblemError';
  }
}

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
  /** Who set the current status (username) and when (ISO), as the document's meta says. */
  statusChangedBy: string | null;
  statusChangedAt: string | null;
  /** While submitted: what changed after submission (ändrat efter inskick); otherwise empty. */
  changes: WorkflowChange[];
}

export function reportRoutes({ store, sessions, registry, clock }: ReportRouteDeps) {
  /** The report's document name, or an error answer (unknown department: 404). */
  async function reportOf(period: string, departmentId: string) {
    const departments = await store.departments.list();
    if (!departments.some((department) => department.id === departmentId)) return null;
    const docName = reportDocumentName(period, departmentId);
    return parseDocumentName(docName)?.kind === 'report' ? { docName, period, departmentId } : null;
  }

  /**
   * Names who made each change: the field edit log names the writers of figures and statuses;
   * for texts, the users who stored updates under the changes' client ids (the update log,
   * read only when a change has no writer in the field edit log).
   */
  async function named(docName: string, changes: ReportChange[]): Promise<WorkflowChange[]> {
    const unnamed = new Set(changes.filter((change) => change.by.length === 0).flatMap((c) => c.clients));
    const writers = unnamed.size > 0 ? await writersOf(docName, unnamed) : new Map<number, string>();
    // The log's display names are the writer's word; the user store's are the server's.
    const displayNames = new Map<string, string>();
    for (const username of new Set(changes.flatMap((change) => change.usernames))) {
      const found = await store.users.findByUsername(username);
      if (found) displayNames.set(username, found.displayName);
    }
    return changes.map((change) => ({
      field: change.field,
      by:
        change.usernames.length > 0
          ? change.usernames.map(
              (username, index) => displayNames.get(username) ?? change.by[index] ?? username,
            )
          : [...new Set(change.clients.flatMap((client) => writers.get(client) ?? []))],
    }));
  }

  /** Display names of the users who stored changes under `clients`, searching the log from its end. */
  async function writersOf(docName: string, clients: Set<number>): Promise<Map<number, string>> {
    const userIds = new Map<number, string>();
    const log = await store.documents.loadLog(docName);
    for (let index = log.length - 1; index >= 0 && userIds.size < clients.size; index--) {
      const entry = log[index] as (typeof log)[number];
      for (const client of Y.parseUpdateMeta(entry.data).to.keys()) {
        if (clients.has(client) && !userIds.has(client)) userIds.set(client, entry.userId);
      }
    }
    const names = new Map<number, string>();
    for (const [client, userId] of userIds) {
      const found = await store.users.findById(userId);
      if (found) names.set(client, found.displayName);
    }
    return names;
  }

  async function view(user: User, docName: string, departmentId: string): Promise<WorkflowView> {
    const { status, change, changes } = await registry.use(docName, (document) => {
      const current = readReportStatus(document.doc);
      return {
        status: current,
        change: readReportStatusChange(document.doc),
        changes: current === 'inskickad' ? reportChangesSinceSubmission(document.doc) : [],
      };
    });
    const events = await store.audit.forDocument(docName, WORKFLOW_ACTIONS);
    return {
      docName,
      status,
      statusChangedBy: change.by,
      statusChangedAt: change.at,
      changes: await named(docName, changes),
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

  async function step(
    c: Context<AuthEnv>,
    action: WorkflowAction,
    comment: string | null,
    version: unknown = null,
  ) {
    const { period, departmentId } = target.parse(c.req.param());
    const report = await reportOf(period, departmentId);
    if (!report) return c.json({ error: `no department ${departmentId}` }, 404);
    const user = c.get('user');
    if (!mayTake(user, action, departmentId)) {
      return c.json({ error: `a ${user.role} may not ${action} this department's report` }, 403);
    }
    const seen = typeof version === 'string' && version !== '' ? decodeReportVersion(version) : null;
    if (action === 'approve' && !seen) {
      return c.json(
        {
          error:
            typeof version === 'string' && version !== ''
              ? 'the version is not a report version (base64 of a Yjs snapshot)'
              : NO_VERSION,
        },
        400,
      );
    }
    const budgetTkr =
      action === 'submit'
        ? await registry.use(planDocumentName(Number(period.slice(0, 4))), (plan) =>
            readDepartmentBudgetTkr(plan.doc, departmentId),
          )
        : null;
    let approval: { state: Uint8Array; data: unknown } | null = null;
    try {
      await registry.use(report.docName, (document) =>
        document.change(user.id, (doc) => {
          const status = readReportStatus(doc);
          // Checked in the document's queue, so two steps at once cannot both pass.
          if (!TRANSITIONS[action].from.includes(status)) throw new WorkflowConflictError(action, status);
          if (seen && !isAtVersion(doc, seen)) throw new StaleVersionError(reportChangesSince(doc, seen));
          if (action === 'submit') {
            const problem = submitBudgetProblem(
              budgetTkr,
              readReport(doc, period, departmentId).budget,
              readBudgetAnalysis(doc),
            );
            if (problem) throw new BudgetProblemError(problem);
            // Taken before the status is written: the status change itself is bookkeeping.
            recordSubmittedVersion(doc);
          }
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
      if (error instanceof StaleVersionError) {
        return c.json({ error: error.message, changes: await named(report.docName, error.changes) }, 409);
      }
      if (error instanceof BudgetProblemError) {
        return c.json({ error: error.message, problem: error.problem }, 409);
      }
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
    .post(
      '/:period/:departmentId/approve',
      validate('param', target),
      // An old client sends no version: refused with a message it can show, never approved blind.
      zValidator('json', approveBody, (result, c) => {
        if (!result.success) return c.json({ error: NO_VERSION }, 400);
      }),
      (c) => step(c, 'approve', null, c.req.valid('json').version),
    )
    .post('/:period/:departmentId/return', validate('param', target), validate('json', returnBody), (c) =>
      step(c, 'return', c.req.valid('json').comment),
    )
    .post('/:period/:departmentId/reopen', validate('param', target), validate('json', reopenBody), (c) =>
      step(c, 'reopen', c.req.valid('json').reason),
    );
}
