/**
 * The REST calls of the plans of the years (`/api/plans`, server/src/routes/plans.ts): the
 * year picker's list, a new year (empty or from the year before), adoption, carrying the
 * unfinished council assignments over, and which plan items have been reported. Typed through
 * the Hono RPC client; errors come back as values (see {@link settle}).
 */
import { api } from './api';
import { type ApiResult, settle } from './rolesApi';

const plans = api.plans;

/** A plan year as the year picker lists it. */
export type PlanSummary = Awaited<
  ReturnType<Awaited<ReturnType<typeof plans.$get>>['json']>
>['plans'][number];

/** An unfinished council assignment of the year before, offered to carry over. */
export interface CarryOverCandidate {
  id: string;
  title: string;
  status: 'ej-paborjad' | 'pagar' | 'klar';
  departmentId: string | null;
  endDate: string;
  /** Already carried into the new year. */
  carried: boolean;
}

/** The years that have a plan, ascending. */
export function fetchPlans(): Promise<ApiResult<PlanSummary[]>> {
  return settle(
    () => plans.$get(),
    async (response) => (await response.json()).plans,
  );
}

/** Creates the plan of `year`: empty, or the structure of `fromYear`'s plan without its figures. */
export function createPlan(year: number, fromYear?: number): Promise<ApiResult<{ year: number }>> {
  return settle(
    () => plans.$post({ json: fromYear === undefined ? { year } : { year, fromYear } }),
    async (response) => (await response.json()) as { year: number },
  );
}

/** Records the decision that adopted the plan (fastställd), with its reference and date. */
export function adoptPlan(year: number, decisionRef: string, decidedOn: string): Promise<ApiResult<void>> {
  return settle(
    () => plans[':year'].adoption.$post({ param: { year: String(year) }, json: { decisionRef, decidedOn } }),
    async () => undefined,
  );
}

/** The unfinished assignments of the year `year` was created from, and which are carried already. */
export function fetchCarryOver(
  year: number,
): Promise<ApiResult<{ fromYear: number; assignments: CarryOverCandidate[] }>> {
  return settle(
    () => plans[':year']['carry-over'].$get({ param: { year: String(year) } }),
    async (response) => (await response.json()) as { fromYear: number; assignments: CarryOverCandidate[] },
  );
}

/** Carries the chosen assignments into `year`'s assignments, each linked to where it came from. */
export function carryOver(
  year: number,
  assignmentIds: readonly string[],
): Promise<ApiResult<{ fromId: string; id: string }[]>> {
  return settle(
    () =>
      plans[':year']['carry-over'].$post({
        param: { year: String(year) },
        json: { assignmentIds: [...assignmentIds] },
      }),
    async (response) => ((await response.json()) as { carried: { fromId: string; id: string }[] }).carried,
  );
}

/**
 * The report item keys (`goal:…`, `indicator:…`, `initiative:…`) that some report of `year`
 * has content for: removing such a plan item archives it instead.
 */
export function fetchReportedItems(year: number): Promise<ApiResult<ReadonlySet<string>>> {
  return settle(
    () => plans[':year']['reported-items'].$get({ param: { year: String(year) } }),
    async (response) => new Set(((await response.json()) as { keys: string[] }).keys),
  );
}
