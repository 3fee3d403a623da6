/**
 * The reporting calendar (rapporteringskalender) of a year and the user's to-do list:
 *
 * - `GET /api/calendar/:year` (signed in) → `{ calendar, stored, schedule, periods, currentPeriod,
 *   today }`: the calendar (the default when none is stored), each reported period with its
 *   deadline (and the rule's date, to show beside an override), every period of the year with
 *   the rule's date (for the settings screen), and the month the follow-up opens on
 *   (see the domain's openingMonth), judged against today in Sweden from the server's clock.
 * - `PUT /api/calendar/:year` (admin) with a calendar → the same answer; 400 with a readable
 *   message on invalid input; audited as `calendar-changed` (document `calendar:<year>`).
 * - `GET /api/todo?year=` (signed in) → `{ today, items }`: "Att göra" (reporting/todo.ts) over
 *   last year, this year and the year asked for.
 */
import {
  followingMonth,
  nthWorkingDay,
  openingMonth,
  parseDocumentName,
  periodsOfYear,
  type ReportingCalendar,
  reportingCalendar,
  reportingSchedule,
  swedishDate,
} from '@foljsam/domain';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import type { Clock } from '../clock';
import { listDueReports } from '../reporting/dueReports';
import { todoFor } from '../reporting/todo';
import type { Store } from '../store/types';
import type { DocumentRegistry } from '../sync/DocumentRegistry';
import { validate } from './validation';

export interface CalendarRouteDeps {
  store: Store;
  sessions: SessionService;
  registry: DocumentRegistry;
  clock: Clock;
}

const yearParam = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const todoQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

/** One reported period as the calendar answer lists it. */
export interface ScheduleEntry {
  periodId: string;
  kind: 'month' | 'tertial' | 'year';
  /** The deadline in force (`YYYY-MM-DD`). */
  deadline: string;
  /** The deadline the rule gives, whether or not an override replaces it. */
  ruleDeadline: string;
  overridden: boolean;
}

/** What changed between two calendars, for the audit log. */
function describeChange(before: ReportingCalendar, after: ReportingCalendar): string {
  const parts: string[] = [];
  const added = after.periods.filter((id) => !before.periods.includes(id));
  const removed = before.periods.filter((id) => !after.periods.includes(id));
  if (added.length > 0) parts.push(`reported: +${added.join(', +')}`);
  if (removed.length > 0) parts.push(`not reported: ${removed.join(', ')}`);
  if (before.rule.workingDayOfFollowingMonth !== after.rule.workingDayOfFollowingMonth) {
    parts.push(
      `working day: ${before.rule.workingDayOfFollowingMonth} → ${after.rule.workingDayOfFollowingMonth}`,
    );
  }
  const ids = new Set([...Object.keys(before.overrides), ...Object.keys(after.overrides)]);
  for (const id of [...ids].sort()) {
    const from = before.overrides[id] ?? null;
    const to = after.overrides[id] ?? null;
    if (from !== to) parts.push(`deadline ${id}: ${from ?? 'rule'} → ${to ?? 'rule'}`);
  }
  return parts.length > 0 ? parts.join('; ') : 'unchanged';
}

const ruleDeadline = (calendar: ReportingCalendar, endMonth: string): string =>
  nthWorkingDay(followingMonth(endMonth), calendar.rule.workingDayOfFollowingMonth);

export function calendarRoutes({ store, sessions, registry, clock }: CalendarRouteDeps) {
  const signedIn = requireSession(sessions);

  async function answer(year: number) {
    const calendar = await store.calendars.get(year);
    const today = swedishDate(clock.now());
    const started = new Set<string>();
    for (const name of await store.documents.listDocuments()) {
      const ref = parseDocumentName(name);
      if (ref?.kind === 'report' && /^\d{4}-\d\d$/.test(ref.period)) started.add(ref.period);
    }
    const schedule: ScheduleEntry[] = reportingSchedule(calendar).map(({ period, deadline, overridden }) => ({
      periodId: period.id,
      kind: period.kind,
      deadline,
      ruleDeadline: ruleDeadline(calendar, period.endMonth),
      overridden,
    }));
    const reported = new Set(calendar.periods);
    // Every period the year can report, for the settings screen: the rule's date of each.
    const periods = periodsOfYear(year).map((period) => ({
      periodId: period.id,
      kind: period.kind,
      reported: reported.has(period.id),
      ruleDeadline: ruleDeadline(calendar, period.endMonth),
      override: calendar.overrides[period.id] ?? null,
    }));
    return {
      calendar,
      stored: await store.calendars.isStored(year),
      schedule,
      periods,
      currentPeriod: openingMonth(calendar, today, [...started]),
      today,
    };
  }

  return new Hono<AuthEnv>()
    .get('/calendar/:year', signedIn, validate('param', yearParam), async (c) => {
      return c.json(await answer(c.req.valid('param').year), 200);
    })
    .put(
      '/calendar/:year',
      signedIn,
      validate('param', yearParam),
      validate('json', reportingCalendar),
      async (c) => {
        const user = c.get('user');
        if (user.role !== 'admin') {
          return c.json({ error: 'only an administrator sets the reporting calendar' }, 403);
        }
        const { year } = c.req.valid('param');
        const calendar = c.req.valid('json');
        if (calendar.year !== year) {
          return c.json({ error: `the calendar is for ${calendar.year}, not ${year}` }, 400);
        }
        const before = await store.calendars.get(year);
        await store.calendars.save(calendar);
        await store.audit.append({
          userId: user.id,
          userName: user.displayName,
          action: 'calendar-changed',
          document: `calendar:${year}`,
          detail: describeChange(before, calendar),
        });
        return c.json(await answer(year), 200);
      },
    )
    .get('/todo', signedIn, validate('query', todoQuery), async (c) => {
      const user = c.get('user');
      const today = swedishDate(clock.now());
      if (user.role === 'lasare') return c.json({ today, items: [] }, 200);
      const thisYear = Number(today.slice(0, 4));
      const asked = c.req.valid('query').year;
      // Last year's December and year-end reports fall due in this year's first weeks.
      const years = [...new Set([thisYear - 1, thisYear, ...(asked === undefined ? [] : [asked])])].sort();
      const reports = (
        await Promise.all(years.map((year) => listDueReports({ store, registry }, year)))
      ).flat();
      const items = todoFor(user, reports, await store.departments.list(), today);
      return c.json({ today, items }, 200);
    });
}
