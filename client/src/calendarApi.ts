/**
 * The reporting calendar and "Att göra" over REST (`GET/PUT /api/calendar/:year`, `GET /api/todo`).
 * The month a year opens on is remembered in this browser, so the follow-up screens open on the
 * period being reported offline too.
 */
import type { ReportingCalendar } from '@foljsam/domain';
import type { InferResponseType } from 'hono/client';
import { api } from './api';
import { type ApiResult, settle } from './rolesApi';

/** `GET /api/calendar/:year`: the calendar, its schedule and the month the year opens on. */
export type CalendarAnswer = InferResponseType<(typeof api.calendar)[':year']['$get'], 200>;
/** `GET /api/todo`: the signed-in user's to-do list. */
export type TodoAnswer = InferResponseType<typeof api.todo.$get, 200>;
export type TodoItem = TodoAnswer['items'][number];

const OPENING_KEY = (year: number) => `foljsam.openingMonth.${year}`;

export function fetchCalendar(year: number): Promise<ApiResult<CalendarAnswer>> {
  return settle(
    () => api.calendar[':year'].$get({ param: { year: String(year) } }),
    async (response) => {
      const answer = (await response.json()) as CalendarAnswer;
      rememberOpeningMonth(year, answer.currentPeriod);
      return answer;
    },
  );
}

/**
 * Stores a year's calendar (administrator). A refusal's message is the server's reason in full
 * (the validation details of a 400), so the administrator can see what to correct.
 */
export async function saveCalendar(calendar: ReportingCalendar): Promise<ApiResult<CalendarAnswer>> {
  let response: Awaited<ReturnType<typeof put>>;
  const put = () => api.calendar[':year'].$put({ param: { year: String(calendar.year) }, json: calendar });
  try {
    response = await put();
  } catch {
    return { ok: false, status: 0, message: '' };
  }
  if (!response.ok) {
    let message = '';
    try {
      const body = (await response.json()) as { error?: unknown; details?: unknown };
      message =
        typeof body.details === 'string' ? body.details : typeof body.error === 'string' ? body.error : '';
    } catch {
      // Not JSON: the status alone.
    }
    return { ok: false, status: response.status, message };
  }
  const answer = (await response.json()) as CalendarAnswer;
  rememberOpeningMonth(calendar.year, answer.currentPeriod);
  return { ok: true, value: answer };
}

export function fetchTodo(year: number): Promise<ApiResult<TodoAnswer>> {
  return settle(
    () => api.todo.$get({ query: { year: String(year) } }),
    async (response) => (await response.json()) as TodoAnswer,
  );
}

function rememberOpeningMonth(year: number, month: string): void {
  try {
    localStorage.setItem(OPENING_KEY(year), month);
  } catch {
    // Storage disabled: the local rule serves offline.
  }
}

/** The month a year opened on at the last answer from the server, if this browser has one. */
export function rememberedOpeningMonth(year: number): string | null {
  try {
    const month = localStorage.getItem(OPENING_KEY(year));
    return month?.startsWith(`${year}-`) ? month : null;
  } catch {
    return null;
  }
}
