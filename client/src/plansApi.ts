/**
 * PROVISIONAL (branch h-years): the plan REST calls as design15.md names them, written with
 * plain fetch until the lead's typed `plansApi.ts` (Hono RPC over `/api/plans`) is merged;
 * on merge, take main's file and adapt the callers.
 */
import type { ApiResult } from './rolesApi';
import { fetchReportingReachability } from './sync/reconnectBackoff';

/** One plan year, as `GET /api/plans` lists it. */
export interface PlanSummary {
  year: number;
  title: string;
  status: 'utkast' | 'faststalld';
  adoptedOn: string | null;
  copiedFromYear: number | null;
}

/** An assignment of the year before that a new year may carry over. */
export interface CarryOverCandidate {
  id: string;
  title: string;
  status: 'ej-paborjad' | 'pagar' | 'klar';
  departmentId: string | null;
  endDate: string;
  carried: boolean;
}

async function call<T>(path: string, init?: RequestInit): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetchReportingReachability(`/api/plans${path}`, {
      ...init,
      headers: init?.body ? { 'content-type': 'application/json' } : undefined,
    });
  } catch {
    return { ok: false, status: 0, message: '' };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: the status alone has to do.
  }
  if (!response.ok) {
    const error = (body as { error?: unknown } | null)?.error;
    return { ok: false, status: response.status, message: typeof error === 'string' ? error : '' };
  }
  return { ok: true, value: body as T };
}

/** `GET /api/plans`: every plan year, ascending. */
export async function fetchPlans(): Promise<ApiResult<PlanSummary[]>> {
  const result = await call<{ plans: PlanSummary[] }>('');
  return result.ok ? { ok: true, value: result.value.plans } : result;
}

/** `POST /api/plans`: an empty draft for `year`, or `fromYear`'s plan rolled over. */
export function createPlan(year: number, fromYear?: number): Promise<ApiResult<{ year: number }>> {
  return call('', {
    method: 'POST',
    body: JSON.stringify(fromYear === undefined ? { year } : { year, fromYear }),
  });
}

/** `GET /api/plans/:year/carry-over`: the unfinished assignments of the year the plan came from. */
export function fetchCarryOver(
  year: number,
): Promise<ApiResult<{ fromYear: number; assignments: CarryOverCandidate[] }>> {
  return call(`/${year}/carry-over`);
}

/** `POST /api/plans/:year/carry-over`: copies the chosen assignments into the year. */
export function carryOver(
  year: number,
  assignmentIds: string[],
): Promise<ApiResult<{ carried: { fromId: string; id: string }[] }>> {
  return call(`/${year}/carry-over`, { method: 'POST', body: JSON.stringify({ assignmentIds }) });
}
