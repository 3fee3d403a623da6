/** The English message catalogue: the same keys as the Swedish one (`sv.ts`). */

import { adminEn } from './en/admin';
import { auditEn } from './en/audit';
import { boardEn } from './en/board';
import { calendarEn } from './en/calendar';
import { economyEn } from './en/economy';
import { goalsEn } from './en/goals';
import { historyEn } from './en/history';
import { importEn } from './en/import';
import { mergesEn } from './en/merges';
import { offlineEn } from './en/offline';
import { overviewEn } from './en/overview';
import { planEn } from './en/plan';
import { remindersEn } from './en/reminders';
import { reportEn } from './en/report';
import { rolesEn } from './en/roles';
import { workflowEn } from './en/workflow';
import { yearsEn } from './en/years';
import type { Messages } from './sv';

export const en: Messages = {
  locale: 'en',
  intlLocale: 'en-GB',
  app: {
    name: 'Följsam',
    tagline: "The executive board's follow-up",
    skipToContent: 'Skip to content',
    loading: 'Loading…',
    startFailed: 'Could not reach the server. Reload the page to try again.',
  },
  language: {
    switchTo: 'På svenska',
    switchToLang: 'sv',
  },
  signIn: {
    heading: 'Sign in',
    intro: 'Sign in with your username and password.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    wrongCredentials: 'Wrong username or password',
    failed: 'Signing in failed. Please try again shortly.',
    tooManyAttempts: (seconds: number) => {
      const minutes = Math.ceil(seconds / 60);
      const wait =
        seconds < 60
          ? `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`
          : minutes === 1
            ? 'a minute'
            : `${minutes} minutes`;
      return `Too many failed sign-ins. Try again in ${wait}.`;
    },
  },
  session: {
    signedInAs: (name: string) => `Signed in as ${name}`,
    signOut: 'Sign out',
  },
  connection: {
    label: 'Connection',
    connected: 'Connected',
    connecting: 'Connecting…',
    disconnected: 'Disconnected',
  },
  assignments: {
    heading: (year: number) => `Assignments from the council ${year}`,
    intro:
      "The council's assignments to the executive board. Changes are saved at once and shown to everyone who has the page open.",
    loading: 'Loading assignments…',
    empty: 'There are no assignments for the year.',
    count: (count: number) => (count === 1 ? '1 assignment' : `${count} assignments`),
    showing: (shown: number, total: number) => `Showing ${shown} of ${total} assignments`,
    noMatches: 'No assignments match the filters.',
    listHeading: 'All assignments',
    columns: {
      title: 'Assignment',
      department: 'Responsible department',
      person: 'Responsible person',
      startDate: 'Start date',
      endDate: 'End date',
      status: 'Status',
      due: 'Due',
      actions: 'Actions',
    },
    fields: {
      title: 'Title',
      description: 'Description',
      decisionRef: 'Council decision',
      decisionRefHint: 'For example KF § 12/2015',
      startDate: 'Start date',
      endDate: 'End date',
      department: 'Responsible department',
      person: 'Responsible person',
      status: 'Status',
      progressNote: 'Progress note',
      dateHint: 'YYYY-MM-DD',
    },
    fieldFor: {
      title: (title: string) => `Title of ${title}`,
      description: (title: string) => `Description of ${title}`,
      decisionRef: (title: string) => `Council decision of ${title}`,
      startDate: (title: string) => `Start date of ${title}`,
      endDate: (title: string) => `End date of ${title}`,
      departmentId: (title: string) => `Responsible department of ${title}`,
      responsiblePerson: (title: string) => `Responsible person of ${title}`,
      progressNote: (title: string) => `Progress note of ${title}`,
    },
    editHint:
      'A change is saved when you leave the field or press Enter (Ctrl+Enter in multi-line fields). Esc undoes it.',
    noDepartment: 'Not assigned',
    noValue: '–',
    statusFor: (title: string) => `Status of ${title}`,
    changeFailed: 'The change could not be saved: the assignment no longer exists.',
    readOnly: 'You have read access: you can see the assignments but not change them.',
    due: {
      overdue: 'Overdue',
      'due-soon': 'Due soon',
      'on-track': 'On track',
      done: 'Done',
      overdueBy: (days: number, shown: string, endDate: string, pastYear: boolean) =>
        pastYear
          ? `passed its end date ${endDate}`
          : `${days === 1 ? '1 day' : `${shown} days`} past the end date ${endDate}, as of today`,
      judgedOn: (today: string) => `Judged against today's date, ${today}`,
      daysLeft: (days: number, shown: string) =>
        days === 0 ? 'ends today' : days === 1 ? '1 day left' : `${shown} days left`,
    },
    errors: {
      invalidDate: 'Invalid date. Write the date as YYYY-MM-DD, for example 2015-03-31.',
      endBeforeStart: (start: string) => `The end date cannot be before the start date (${start}).`,
      startAfterEnd: (end: string) => `The start date cannot be after the end date (${end}).`,
      titleRequired: 'The title cannot be empty.',
      tooLong: (max: number) => `The text is too long (at most ${max} characters).`,
      unknownDepartment: 'Unknown department. Choose a department from the list.',
      rejected: 'The change was not accepted and was not saved. Check the value.',
      missing: 'The assignment no longer exists.',
    },
    filters: {
      heading: 'Filter and sort',
      department: 'Department',
      allDepartments: 'All departments',
      status: 'Status',
      allStatuses: 'All statuses',
      due: 'Due',
      dueAll: 'All',
      dueOverdue: 'Overdue',
      dueSoon: 'Due soon',
      search: 'Search',
      searchHint: 'Search titles, descriptions and progress notes',
      sort: 'Sort by',
      sortPlan: 'Plan order',
      sortEndDate: 'End date',
      sortTitle: 'Title',
      sortDepartment: 'Department',
      sortStatus: 'Status',
      direction: 'Order',
      ascending: 'Ascending',
      descending: 'Descending',
      group: 'Group',
      groupNone: 'No grouping',
      groupDepartment: 'By department',
      groupStatus: 'By status',
      clear: 'Clear filters',
    },
    group: {
      heading: (label: string, count: number) => `${label} (${count})`,
    },
    details: {
      show: (title: string) => `Show details of ${title}`,
      hide: (title: string) => `Hide details of ${title}`,
      showShort: 'Details',
      hideShort: 'Hide',
      heading: (title: string) => `Details: ${title}`,
    },
    history: {
      heading: 'Status history',
      empty: 'The status has not been changed yet.',
      entry: (from: string, to: string) => `${from} → ${to}`,
      created: 'New',
      by: (name: string) => `by ${name}`,
    },
    create: {
      open: 'New assignment',
      heading: 'New assignment',
      submit: 'Create assignment',
      cancel: 'Cancel',
      created: (title: string) => `The assignment “${title}” has been created.`,
    },
    remove: {
      button: 'Delete',
      buttonFor: (title: string) => `Delete ${title}`,
      heading: 'Delete the assignment?',
      confirmText: (title: string) =>
        `The assignment “${title}” is deleted for everyone. Its status history stays. This cannot be undone.`,
      confirm: 'Delete the assignment',
      cancel: 'Cancel',
      removed: (title: string) => `The assignment “${title}” has been deleted.`,
    },
  },
  nav: {
    label: 'Main menu',
    menu: 'Menu',
    overview: 'Overview',
    assignments: 'Assignments',
    goals: 'Goals',
    report: 'Monthly report',
    economy: 'Economy',
  },
  presence: {
    label: 'Here now',
    alone: 'Only you are here',
    you: 'you',
    editing: (name: string) => `${name} is typing here`,
  },
  overview: overviewEn,
  calendar: calendarEn,
  goals: goalsEn,
  offline: offlineEn,
  report: reportEn,
  economy: economyEn,
  merges: mergesEn,
  board: boardEn,
  import: importEn,
  workflow: workflowEn,
  history: historyEn,
  audit: auditEn,
  roles: rolesEn,
  admin: adminEn,
  reminders: remindersEn,
  plan: planEn,
  years: yearsEn,
  // As Swedish municipalities' English annual reports write amounts: "SEK thousand".
  units: {
    percent: '%',
    count: 'pcs',
    tkr: 'SEK thousand',
    mkr: 'SEK million',
  },
  status: {
    'ej-paborjad': 'Not started',
    pagar: 'In progress',
    klar: 'Done',
  },
};
