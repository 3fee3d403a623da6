import { swedishPeriodName as periodLabel, swedishInstant } from '@foljsam/domain';
import { describe, expect, it } from 'vitest';
import { composeReminder } from './compose';
import { isoWeek, planReminders, type ReminderReport, type ReminderUser } from './rules';

const user = (id: string, fields: Partial<ReminderUser>): ReminderUser => ({
  id,
  displayName: id,
  role: 'avdelningschef',
  departmentId: null,
  disabled: false,
  email: `${id}@example.se`,
  reminderMode: 'each',
  ...fields,
});

const hr = user('hr-head', { departmentId: 'hr' });
const it2 = user('it-head', { departmentId: 'it' });
const manager = user('kc', { role: 'kommunchef' });
const admin = user('admin', { role: 'admin' });
const users = [hr, it2, manager, admin];

const report = (
  periodId: string,
  departmentId: string,
  deadline: string,
  status: ReminderReport['status'],
) => ({
  periodId,
  departmentId,
  deadline,
  status,
  submittedAt: status === 'utkast' || status === 'aterremitterad' ? null : '2015-06-01T08:00:00.000Z',
});

// May's report is due Friday 2015-06-12; the first tertial report Friday 2015-05-15.
const may = [
  report('2015-05', 'hr', '2015-06-12', 'utkast'),
  report('2015-05', 'it', '2015-06-12', 'inskickad'),
];
const tertial = [report('2015-T1', 'hr', '2015-05-15', 'aterremitterad')];

const at = (date: string, hour = 12, minute = 0) => swedishInstant(date, hour, minute);
const keys = (now: Date, reports: ReminderReport[], who: ReminderUser[] = users) =>
  planReminders({ now, reports, users: who })
    .messages.map((message) => message.key)
    .sort();

describe('reminders before a deadline', () => {
  it('reach the heads of a department whose month report is not submitted, from 7 days before', () => {
    expect(keys(at('2015-06-04', 23, 59), may)).toEqual([]);
    expect(keys(at('2015-06-05', 0, 0), may)).toEqual(['before:2015-05:hr:hr-head']);
    // The same key every day of the window, so the log lets it out once.
    expect(keys(at('2015-06-12', 23, 59), may)).toEqual(['before:2015-05:hr:hr-head']);
  });

  it('come 28 days before for a tertial report, also when it was returned', () => {
    expect(keys(at('2015-04-16'), tertial)).toEqual([]);
    expect(keys(at('2015-04-17'), tertial)).toEqual(['before:2015-T1:hr:hr-head']);
  });

  it('skip disabled users and users without an address, and leave out those who chose none', () => {
    const heads = [
      user('a', { departmentId: 'hr', disabled: true }),
      user('b', { departmentId: 'hr', email: null }),
      user('c', { departmentId: 'hr', reminderMode: 'none' }),
      user('d', { departmentId: 'hr' }),
    ];
    const plan = planReminders({ now: at('2015-06-08'), reports: may, users: heads });
    expect(plan.messages.map((message) => message.key)).toEqual(['before:2015-05:hr:d']);
    expect(plan.skipped).toEqual([
      { key: 'before:2015-05:hr:a', userId: 'a', reason: 'disabled' },
      { key: 'before:2015-05:hr:b', userId: 'b', reason: 'no-address' },
    ]);
  });
});

describe('reminders after a deadline', () => {
  it('remind the heads once more and give the kommunchef what is missing or waiting', () => {
    const plan = planReminders({ now: at('2015-06-13', 0, 1), reports: may, users });
    expect(plan.messages.map((message) => message.key).sort()).toEqual([
      'after:2015-05:hr:hr-head',
      'summary:2015-06-12:kc',
    ]);
    const summary = plan.messages.find((message) => message.kind === 'summary');
    expect(summary?.items.map((item) => [item.departmentId, item.status, item.overdue])).toEqual([
      ['hr', 'utkast', true],
      ['it', 'inskickad', false],
    ]);
    const text = composeReminder(summary as NonNullable<typeof summary>, {
      departments: new Map([
        ['hr', 'HR-avdelningen'],
        ['it', 'IT-avdelningen'],
      ]),
      publicUrl: 'https://foljsam.example.se/',
    });
    expect(text.subject).toBe('Efter sista dag 2015-06-12: 1 saknas, 1 att granska');
    expect(text.text).toContain('- HR-avdelningen: maj 2015, sista dag 2015-06-12 (utkast, försenad)');
    expect(text.text).toContain('https://foljsam.example.se/rapport/2015-05/hr?ar=2015');
  });

  it('send nothing once everything is approved, and nothing more than a week late', () => {
    const approved = [report('2015-05', 'hr', '2015-06-12', 'godkand')];
    expect(keys(at('2015-06-13'), approved)).toEqual([]);
    expect(keys(at('2015-06-19'), may)).toEqual(['after:2015-05:hr:hr-head', 'summary:2015-06-12:kc']);
    expect(keys(at('2015-06-20'), may)).toEqual([]);
  });
});

describe('the weekly digest', () => {
  const digestUsers = [
    user('hr-head', { departmentId: 'hr', reminderMode: 'digest' }),
    user('kc', { role: 'kommunchef', reminderMode: 'digest' }),
  ];
  const reports = [...may, ...tertial];

  it('goes out from Monday 08:00 Swedish time, bundling what is due or overdue, instead of each reminder', () => {
    // Monday 2015-06-08, week 24: May's report is due Friday, the tertial report is overdue.
    expect(keys(at('2015-06-08', 7, 59), reports, digestUsers)).toEqual([]);
    const plan = planReminders({ now: at('2015-06-08', 8, 0), reports, users: digestUsers });
    const byKey = new Map(plan.messages.map((message) => [message.key, message]));
    expect([...byKey.keys()].sort()).toEqual(['digest:2015-W24:hr-head', 'digest:2015-W24:kc']);
    expect(byKey.get('digest:2015-W24:hr-head')?.items.map((item) => [item.periodId, item.overdue])).toEqual([
      ['2015-T1', true],
      ['2015-05', false],
    ]);
    // The kommunchef's: the overdue tertial report, and IT's report waiting for review.
    expect(
      byKey.get('digest:2015-W24:kc')?.items.map((item) => `${item.periodId}:${item.departmentId}`),
    ).toEqual(['2015-T1:hr', '2015-05:it']);
    // The rest of the week, the same key (sent once); the next Monday a new one.
    expect(keys(at('2015-06-14', 23, 0), reports, digestUsers)).toEqual([
      'digest:2015-W24:hr-head',
      'digest:2015-W24:kc',
    ]);
    expect(keys(at('2015-06-15', 9, 0), reports, digestUsers)).toEqual([
      'digest:2015-W25:hr-head',
      'digest:2015-W25:kc',
    ]);
  });

  it('is left out when nothing is due or waiting for review', () => {
    const unsubmitted = reports.filter((item) => item.status !== 'inskickad');
    expect(keys(at('2015-03-02', 9), unsubmitted, digestUsers)).toEqual([]);
  });
});

describe('helpers', () => {
  it('names ISO weeks by their Thursday', () => {
    expect(isoWeek('2015-06-01')).toBe('2015-W23');
    expect(isoWeek('2016-01-01')).toBe('2015-W53');
    expect(isoWeek('2014-12-29')).toBe('2015-W01');
  });

  it('names periods in Swedish', () => {
    expect(periodLabel('2015-05')).toBe('maj 2015');
    expect(periodLabel('2015-T2')).toBe('delårsrapport 2015 (januari–augusti)');
    expect(periodLabel('2015-VB')).toBe('verksamhetsberättelse 2015');
  });
});
