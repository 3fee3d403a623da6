/** The English message catalogue: the same keys as the Swedish one (`sv.ts`). */
import { economyEn } from './en/economy';
import { goalsEn } from './en/goals';
import { overviewEn } from './en/overview';
import { reportEn } from './en/report';
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
    loading: 'Loading assignments…',
    empty: 'There are no assignments for the year.',
    count: (count: number) => (count === 1 ? '1 assignment' : `${count} assignments`),
    columns: {
      title: 'Assignment',
      department: 'Responsible department',
      startDate: 'Start date',
      endDate: 'End date',
      status: 'Status',
    },
    noDepartment: 'Not assigned',
    statusFor: (title: string) => `Status of ${title}`,
    changeFailed: 'The change could not be saved: the assignment no longer exists.',
    readOnly: 'You have read access and cannot change the status.',
  },
  nav: {
    label: 'Main menu',
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
  goals: goalsEn,
  report: reportEn,
  economy: economyEn,
  status: {
    'ej-paborjad': 'Not started',
    pagar: 'In progress',
    klar: 'Done',
  },
};
