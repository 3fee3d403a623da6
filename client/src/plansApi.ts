/**
 * PROVISIONAL (branch h-planeditor): the plan editor's calls of the plans REST API as
 * design15.md names them, written against plain fetch until the lead's plansApi.ts (typed
 * through Hono RPC) lands on main; on merge, main's file replaces this one.
 */
import type { ApiResult } from './rolesApi';

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = (await response.json().catch(() => ({}))) as { error?: string };
    if (!response.ok) return { ok: false, status: response.status, message: data.error ?? '' };
    return { ok: true, value: data as T };
  } catch {
    return { ok: false, status: 0, message: '' };
  }
}

/** `POST /api/plans`: an empty draft for `year`, or one rolled over from `fromYear`. */
export const createPlan = (year: number, fromYear?: number) =>
  call<{ year: number }>('POST', '/api/plans', fromYear === undefined ? { year } : { year, fromYear });

/** `POST /api/plans/:year/adoption`. */
export const adoptPlan = async (
  year: number,
  decisionRef: string,
  decidedOn: string,
): Promise<ApiResult<void>> => {
  const result = await call<unknown>('POST', `/api/plans/${year}/adoption`, { decisionRef, decidedOn });
  return result.ok ? { ok: true, value: undefined } : result;
};

/** `GET /api/plans/:year/reported-items`: report item keys with reported content. */
export const fetchReportedItems = async (year: number): Promise<ApiResult<ReadonlySet<string>>> => {
  const result = await call<{ keys: string[] }>('GET', `/api/plans/${year}/reported-items`);
  return result.ok ? { ok: true, value: new Set(result.value.keys) } : result;
};
