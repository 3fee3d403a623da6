/**
 * The plans of the years (`/api/plans`): which years have a plan, a new year (empty or rolled
 * over from an earlier one: "Ny plan för 2016 från 2015"), adoption (fastställande), and
 * carrying the unfinished council assignments over into the new year.
 *
 * The plan's content is written live by the plan editor through the synced document; these
 * routes make the changes only the server makes (a new document, the adopting decision, the
 * carried assignments), each through {@link SyncDocument.change} so open clients see them at
 * once, and each recorded in the audit log. Who may: the domain's access rules (admin and
 * kommunchef write the plan).
 */
import {
  addAssignment,
  adoptPlan,
  assignmentsDocumentName,
  type CouncilAssignment,
  emptyPlan,
  InvalidChangeError,
  isoDate,
  isPlanEmpty,
  newAssignmentId,
  type Plan,
  parseDocumentName,
  planDocumentName,
  readAssignments,
  readPlan,
  readPlanStatus,
  readReport,
  reportedItemKeys,
  roleScope,
  rollOverPlan,
  seedPlan,
} from '@foljsam/domain';
import { Hono } from 'hono';
import * as Y from 'yjs';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import type { Store, User } from '../store/types';
import type { DocumentRegistry } from '../sync/DocumentRegistry';
import { validate } from './validation';

export interface PlanRouteDeps {
  store: Store;
  sessions: SessionService;
  registry: DocumentRegistry;
}

const year = z.coerce.number().int().min(2000).max(2100);
const yearParam = z.object({ year });
const newPlanBody = z.object({ year, fromYear: year.optional() }).strict();
const adoptionBody = z
  .object({
    decisionRef: z.string().trim().min(1, 'a decision reference is required').max(200),
    decidedOn: isoDate,
  })
  .strict();
const carryOverBody = z
  .object({ assignmentIds: z.array(z.string().min(1).max(64)).min(1).max(500) })
  .strict();

/** A plan year as the year picker lists it. */
export interface PlanSummary {
  year: number;
  title: string;
  status: 'utkast' | 'faststalld';
  adoptedOn: string | null;
  copiedFromYear: number | null;
}

/** An unfinished assignment of the year before, as the carry-over list offers it. */
export interface CarryOverCandidate {
  id: string;
  title: string;
  status: CouncilAssignment['status'];
  departmentId: string | null;
  endDate: string;
  /** Already carried into the new year. */
  carried: boolean;
}

const mayWritePlan = (user: User, planYear: number) =>
  roleScope(user, { kind: 'plan', year: planYear }).scope === 'all';

/**
 * An unfinished assignment carried into `toYear`: a new id, the link to where it came from, its
 * status and texts kept, and dates that lie in the new year (a start before it moves to 1
 * January, an end before it to 31 December).
 */
function carriedAssignment(from: CouncilAssignment, fromYear: number, toYear: number): CouncilAssignment {
  const first = `${toYear}-01-01`;
  const last = `${toYear}-12-31`;
  const startDate = from.startDate < first ? first : from.startDate;
  const endDate = from.endDate < startDate ? last : from.endDate;
  return {
    ...from,
    id: newAssignmentId(toYear),
    startDate,
    endDate,
    carriedFrom: { year: fromYear, assignmentId: from.id },
  };
}

export function planRoutes({ store, sessions, registry }: PlanRouteDeps) {
  const planOf = (planYear: number): Promise<Plan | null> =>
    registry.use(planDocumentName(planYear), (document) => {
      try {
        return readPlan(document.doc);
      } catch {
        return null;
      }
    });

  /** Years with a stored plan document, ascending. */
  async function planYears(): Promise<number[]> {
    const years = (await store.documents.listDocuments()).flatMap((name) => {
      const ref = parseDocumentName(name);
      return ref?.kind === 'plan' ? [ref.year] : [];
    });
    return [...new Set(years)].sort((a, b) => a - b);
  }

  /** The year a plan's assignments are carried over from: the year it was copied from, else the year before. */
  const sourceYearOf = (plan: Plan) => plan.copiedFromYear ?? plan.year - 1;

  async function carryOverCandidates(plan: Plan): Promise<CarryOverCandidate[]> {
    const fromYear = sourceYearOf(plan);
    const [previous, current] = await Promise.all(
      [fromYear, plan.year].map((y) =>
        registry.use(assignmentsDocumentName(y), (document) => readAssignments(document.doc)),
      ),
    );
    const carried = new Set(
      (current ?? []).flatMap((a) => (a.carriedFrom?.year === fromYear ? [a.carriedFrom.assignmentId] : [])),
    );
    return (previous ?? [])
      .filter((a) => a.status !== 'klar')
      .map((a) => ({
        id: a.id,
        title: a.title,
        status: a.status,
        departmentId: a.departmentId,
        endDate: a.endDate,
        carried: carried.has(a.id),
      }));
  }

  const audit = (
    user: User,
    action: 'plan-created' | 'plan-adopted' | 'assignments-carried-over',
    document: string,
    detail: string,
  ) => store.audit.append({ userId: user.id, userName: user.displayName, action, document, detail });

  return new Hono<AuthEnv>()
    .use('*', requireSession(sessions))
    .get('/', async (c) => {
      const plans: PlanSummary[] = [];
      for (const planYear of await planYears()) {
        const plan = await planOf(planYear);
        if (!plan) continue;
        const status = await registry.use(planDocumentName(planYear), (document) =>
          readPlanStatus(document.doc),
        );
        plans.push({
          year: plan.year,
          title: plan.title,
          status,
          adoptedOn: plan.adoptedOn,
          copiedFromYear: plan.copiedFromYear ?? null,
        });
      }
      return c.json({ plans }, 200);
    })
    .post('/', validate('json', newPlanBody), async (c) => {
      const user = c.get('user');
      const body = c.req.valid('json');
      if (!mayWritePlan(user, body.year))
        return c.json({ error: 'only administrators and the kommunchef create plans' }, 403);
      let plan: Plan;
      if (body.fromYear !== undefined) {
        const source = await planOf(body.fromYear);
        if (!source) return c.json({ error: `there is no plan for ${body.fromYear}` }, 404);
        plan = rollOverPlan(source, body.year);
      } else {
        // The municipality set at the first run; a store from before the settings existed
        // takes it from its newest plan.
        const settings = await store.workspace.get();
        const newest = (await planYears()).at(-1);
        const municipality =
          settings?.municipality ?? (newest === undefined ? null : (await planOf(newest))?.municipality);
        if (!municipality)
          return c.json({ error: 'the workspace has no municipality: run pnpm admin init' }, 409);
        plan = emptyPlan({ year: body.year, municipality });
      }
      let created = false;
      await registry.use(planDocumentName(body.year), (document) =>
        document.change(user.id, (doc) => {
          // Checked in the document's queue, so two requests at once cannot both create it.
          if (!isPlanEmpty(doc)) return;
          seedPlan(doc, plan);
          created = true;
        }),
      );
      if (!created) return c.json({ error: `there is already a plan for ${body.year}` }, 409);
      await audit(
        user,
        'plan-created',
        planDocumentName(body.year),
        body.fromYear === undefined ? '' : `from ${body.fromYear}`,
      );
      return c.json({ year: body.year }, 201);
    })
    .post('/:year/adoption', validate('param', yearParam), validate('json', adoptionBody), async (c) => {
      const user = c.get('user');
      const { year: planYear } = c.req.valid('param');
      const { decisionRef, decidedOn } = c.req.valid('json');
      if (!mayWritePlan(user, planYear))
        return c.json({ error: 'only administrators and the kommunchef adopt plans' }, 403);
      const docName = planDocumentName(planYear);
      if (!(await planOf(planYear))) return c.json({ error: `there is no plan for ${planYear}` }, 404);
      const adoption = {
        decisionRef,
        decidedOn,
        recordedBy: user.username,
        recordedByName: user.displayName,
        recordedAt: new Date().toISOString(),
      };
      let frozen: { state: Uint8Array; data: unknown } | null = null;
      try {
        await registry.use(docName, (document) =>
          document.change(user.id, (doc) => {
            adoptPlan(doc, adoption);
            frozen = { state: Y.encodeStateAsUpdate(doc), data: readPlan(doc) };
          }),
        );
      } catch (error) {
        if (error instanceof InvalidChangeError) return c.json({ error: error.message }, 409);
        throw error;
      }
      // The snapshot adoption freezes (fastställd version), kept beside the reports' approvals.
      const snapshot = frozen as { state: Uint8Array; data: unknown } | null;
      if (snapshot) await store.approvals.save({ docName, approvedBy: user.id, ...snapshot });
      await audit(user, 'plan-adopted', docName, `${decisionRef} (${decidedOn})`);
      return c.json({ adoption }, 200);
    })
    .get('/:year/carry-over', validate('param', yearParam), async (c) => {
      const { year: planYear } = c.req.valid('param');
      const plan = await planOf(planYear);
      if (!plan) return c.json({ error: `there is no plan for ${planYear}` }, 404);
      return c.json({ fromYear: sourceYearOf(plan), assignments: await carryOverCandidates(plan) }, 200);
    })
    .post('/:year/carry-over', validate('param', yearParam), validate('json', carryOverBody), async (c) => {
      const user = c.get('user');
      const { year: planYear } = c.req.valid('param');
      if (!mayWritePlan(user, planYear))
        return c.json({ error: 'only administrators and the kommunchef carry assignments over' }, 403);
      const plan = await planOf(planYear);
      if (!plan) return c.json({ error: `there is no plan for ${planYear}` }, 404);
      const fromYear = sourceYearOf(plan);
      const wanted = new Set(c.req.valid('json').assignmentIds);
      const candidates = await carryOverCandidates(plan);
      const unknown = [...wanted].filter((id) => !candidates.some((candidate) => candidate.id === id));
      if (unknown.length > 0)
        return c.json({ error: `not an unfinished assignment of ${fromYear}: ${unknown.join(', ')}` }, 400);
      const sources = await registry.use(assignmentsDocumentName(fromYear), (document) =>
        readAssignments(document.doc).filter((a) => wanted.has(a.id)),
      );
      const carried: { fromId: string; id: string }[] = [];
      await registry.use(assignmentsDocumentName(planYear), (document) =>
        document.change(user.id, (doc) => {
          // Checked in the document's queue: an assignment is never carried twice.
          const already = new Map(
            readAssignments(doc).flatMap((a) =>
              a.carriedFrom?.year === fromYear ? [[a.carriedFrom.assignmentId, a.id] as const] : [],
            ),
          );
          const result = carried;
          result.length = 0;
          doc.transact(() => {
            for (const source of sources) {
              const existing = already.get(source.id);
              if (existing) {
                result.push({ fromId: source.id, id: existing });
                continue;
              }
              const copy = carriedAssignment(source, fromYear, planYear);
              addAssignment(doc, copy);
              result.push({ fromId: source.id, id: copy.id });
            }
          });
        }),
      );
      await audit(
        user,
        'assignments-carried-over',
        assignmentsDocumentName(planYear),
        carried.map((entry) => `${fromYear}/${entry.fromId} → ${entry.id}`).join('; '),
      );
      return c.json({ carried }, 200);
    })
    .get('/:year/reported-items', validate('param', yearParam), async (c) => {
      const { year: planYear } = c.req.valid('param');
      const keys = new Set<string>();
      for (const name of await store.documents.listDocuments()) {
        const ref = parseDocumentName(name);
        if (ref?.kind !== 'report' || ref.year !== planYear) continue;
        const report = await registry.use(name, (document) =>
          readReport(document.doc, ref.period, ref.departmentId),
        );
        for (const key of reportedItemKeys(report)) keys.add(key);
      }
      return c.json({ keys: [...keys].sort() }, 200);
    });
}
