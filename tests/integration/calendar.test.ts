/**
 * The reporting calendar over REST, the due reports (listDueReports) and "Att göra" per role,
 * against a real server with a manual clock that the tests move across deadlines, on PGlite and
 * PostgreSQL. The demo workspace: 2015, reports of January to March in every state.
 */
import { swedishInstant } from '@foljsam/domain';
import { listDueReports, ManualClock, type RunningServer } from '@foljsam/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { startClockServer } from '../support/clockServer';
import { STORAGES } from '../support/storage';

interface TodoItem {
  kind: 'submit' | 'review' | 'overdue';
  periodId: string;
  deadline: string;
  daysLeft: number;
  department?: { id: string; name: string; status: string };
  departments?: { id: string; name: string; status: string }[];
  submittedAt?: string | null;
}

describe.each(STORAGES)('the reporting calendar and Att göra (%s)', (storage) => {
  const clock = new ManualClock(swedishInstant('2015-04-01', 10));
  let server: RunningServer;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startClockServer(storage, clock);
    for (const username of ['lasare', 'chef-hr', 'chef-utveckling', 'kommunchef', 'admin']) {
      tokens[username] = (await signIn(server.url, username)).token;
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  const call = async (username: string | null, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api${path}`, {
      method,
      headers: {
        ...(username ? { authorization: `Bearer ${tokens[username]}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const todo = async (username: string) => {
    const { status, body } = await call(username, 'GET', '/todo?year=2015');
    expect(status).toBe(200);
    return body.items as TodoItem[];
  };
  const brief = (items: TodoItem[]) =>
    items.map((item) =>
      item.kind === 'overdue'
        ? `${item.kind} ${item.periodId} ${item.daysLeft} ${(item.departments ?? []).map((d) => d.id).join(',')}`
        : `${item.kind} ${item.periodId} ${item.department?.id} ${item.daysLeft}`,
    );

  it('reads the default calendar with its deadlines (Swedish holidays counted) and the month being reported', async () => {
    expect((await call(null, 'GET', '/calendar/2015')).status).toBe(401);
    const { status, body } = await call('lasare', 'GET', '/calendar/2015');
    expect(status).toBe(200);
    expect(body.stored).toBe(false);
    expect(body.today).toBe('2015-04-01');
    expect(body.currentPeriod).toBe('2015-03');
    const schedule = body.schedule as { periodId: string; deadline: string; overridden: boolean }[];
    expect(schedule).toHaveLength(15);
    const deadline = (id: string) => schedule.find((entry) => entry.periodId === id)?.deadline;
    expect(deadline('2015-01')).toBe('2015-02-13');
    // Good Friday and Easter Monday are not working days; nor is Ascension Day (2015-05-14).
    expect(deadline('2015-03')).toBe('2015-04-16');
    expect(deadline('2015-T1')).toBe('2015-05-18');
    expect((await call('lasare', 'GET', '/calendar/1999')).status).toBe(400);
  });

  it('lets only the administrator change a calendar, refuses invalid ones with a reason and audits the change', async () => {
    const calendar = (await call('admin', 'GET', '/calendar/2016')).body.calendar as {
      periods: string[];
      overrides: Record<string, string>;
    };
    const changed = {
      ...calendar,
      rule: { workingDayOfFollowingMonth: 8 },
      overrides: { '2016-03': '2016-04-20' },
    };
    expect((await call('kommunchef', 'PUT', '/calendar/2016', changed)).status).toBe(403);
    expect((await call('chef-hr', 'PUT', '/calendar/2016', changed)).status).toBe(403);

    const early = await call('admin', 'PUT', '/calendar/2016', {
      ...changed,
      overrides: { '2016-03': '2016-03-20' },
    });
    expect(early.status).toBe(400);
    expect(String(early.body.details)).toContain('the deadline of 2016-03 is before the period ends');
    const wrongYear = await call('admin', 'PUT', '/calendar/2016', {
      year: 2017,
      periods: ['2017-01'],
      rule: { workingDayOfFollowingMonth: 8 },
      overrides: {},
    });
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.body.error).toBe('the calendar is for 2017, not 2016');
    expect(
      (await call('admin', 'PUT', '/calendar/2016', { ...changed, rule: { workingDayOfFollowingMonth: 0 } }))
        .status,
    ).toBe(400);
    // Nothing invalid was stored.
    expect((await call('lasare', 'GET', '/calendar/2016')).body.stored).toBe(false);

    const saved = await call('admin', 'PUT', '/calendar/2016', changed);
    expect(saved.status).toBe(200);
    const read = await call('lasare', 'GET', '/calendar/2016');
    expect(read.body.stored).toBe(true);
    const schedule = read.body.schedule as {
      periodId: string;
      deadline: string;
      ruleDeadline: string;
      overridden: boolean;
    }[];
    expect(schedule.find((entry) => entry.periodId === '2016-03')).toMatchObject({
      deadline: '2016-04-20',
      overridden: true,
    });
    // The 8th working day of February 2016 (the rule), not the 10th.
    expect(schedule.find((entry) => entry.periodId === '2016-01')).toMatchObject({
      deadline: '2016-02-10',
      ruleDeadline: '2016-02-10',
      overridden: false,
    });
    // A year to come opens on its first month.
    expect(read.body.currentPeriod).toBe('2016-01');

    const events = await server.store.audit.forDocument('calendar:2016', ['calendar-changed']);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ userName: expect.any(String), action: 'calendar-changed' });
    expect(events[0]?.detail).toBe('working day: 10 → 8; deadline 2016-03: rule → 2016-04-20');
  });

  it('lists every report of the calendar per reporting department with its status', async () => {
    const due = await listDueReports(server, 2015);
    const departments = new Set(due.map((report) => report.departmentId));
    expect(departments.size).toBe(10);
    expect(due).toHaveLength(15 * 10);
    const of = (periodId: string, departmentId: string) =>
      due.find((report) => report.periodId === periodId && report.departmentId === departmentId);
    expect(of('2015-02', 'utveckling')).toEqual({
      periodId: '2015-02',
      departmentId: 'utveckling',
      deadline: '2015-03-13',
      status: 'aterremitterad',
      submittedAt: null,
    });
    expect(of('2015-03', 'forvaltningsledning')).toMatchObject({
      status: 'inskickad',
      submittedAt: '2015-04-08T07:45:00.000Z',
    });
    expect(of('2015-01', 'hr')?.status).toBe('godkand');
    expect(of('2015-01', 'hr')?.submittedAt).not.toBeNull();
    // Not started: no document, and none is created by asking.
    expect(of('2015-03', 'it')).toMatchObject({ status: 'utkast', submittedAt: null });
    expect(await server.store.documents.listDocuments()).not.toContain('report:2015-03:it');
    // The 10th working day of January 2016: New Year's Day and Epiphany are holidays.
    expect(of('2015-VB', 'hr')?.deadline).toBe('2016-01-18');
    // A year without a plan has nothing due.
    expect(await listDueReports(server, 2014)).toEqual([]);
  });

  it('gives each role its Att göra, judged against today in Sweden as the clock moves across a deadline', async () => {
    clock.set(swedishInstant('2015-04-01', 10));
    expect(await todo('lasare')).toEqual([]);
    expect(brief(await todo('chef-hr'))).toEqual(['submit 2015-03 hr 15']);
    expect(brief(await todo('chef-utveckling'))).toEqual([
      'submit 2015-02 utveckling -19',
      'submit 2015-03 utveckling 15',
    ]);
    const manager = await todo('kommunchef');
    expect(brief(manager)).toEqual([
      'review 2015-02 administrativa -19',
      'review 2015-02 kommunikation -19',
      'review 2015-02 mark-exploatering -19',
      'overdue 2015-02 -19 utveckling',
      'review 2015-03 forvaltningsledning 15',
    ]);
    expect(manager[0]?.submittedAt).toBe('2015-03-09T08:30:00.000Z');
    expect(brief(await todo('admin'))).toEqual(brief(manager));

    // Half an hour after midnight in Sweden on the day after the March deadline (still the 16th
    // in UTC): March is one day late; April and the tertial report come within reach.
    clock.set(swedishInstant('2015-04-17', 0, 30));
    expect(brief(await todo('chef-hr'))).toEqual([
      'submit 2015-03 hr -1',
      'submit 2015-04 hr 31',
      'submit 2015-T1 hr 31',
    ]);
    const late = (await todo('kommunchef')).find(
      (item) => item.kind === 'overdue' && item.periodId === '2015-03',
    );
    expect(late?.departments?.map((d) => d.id).sort()).toEqual([
      'administrativa',
      'ekonomi-upphandling',
      'fortroendemannaorganisationen',
      'hr',
      'it',
      'kommunikation',
      'mark-exploatering',
      'naringsliv',
      'utveckling',
    ]);
    expect(late?.departments?.find((d) => d.id === 'hr')?.name).toBe('HR avdelningen');

    // Submitting moves the report from the head's list to the kommunchef's reviews.
    const submitted = await call('chef-hr', 'POST', '/reports/2015-03/hr/submit', {});
    expect(submitted.status).toBe(200);
    expect(brief(await todo('chef-hr'))).toEqual(['submit 2015-04 hr 31', 'submit 2015-T1 hr 31']);
    const review = (await todo('kommunchef')).find(
      (item) => item.kind === 'review' && item.department?.id === 'hr',
    );
    expect(review).toMatchObject({
      periodId: '2015-03',
      daysLeft: -1,
      submittedAt: clock.now().toISOString(),
    });
  });
});
