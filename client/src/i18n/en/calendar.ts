/** English texts of the reporting calendar: the same keys as the Swedish ones. */
import type { calendarSv } from '../sv/calendar';

export const calendarEn: typeof calendarSv = {
  period: {
    month: (monthName: string) => `Monthly report ${monthName}`,
    T1: (year: number) => `Tertial report April ${year}`,
    T2: (year: number) => `Interim report August ${year}`,
    VB: (year: number) => `Annual report ${year}`,
  },
  todo: {
    heading: 'To do',
    intro: (date: string) =>
      `What is due in the next five weeks and what is overdue, counted from today, ${date}.`,
    none: 'You have nothing to do right now.',
    loading: 'Loading your to-do list…',
    failed: 'Could not load the to-do list.',
    submit: (department: string) => `Write and submit the report for ${department}`,
    returned: 'Returned: revise and submit again',
    review: (department: string) => `Review the report from ${department}`,
    overdueGroup: (count: number) =>
      count === 1 ? '1 department has not submitted:' : `${count} departments have not submitted:`,
    deadline: (date: string) => `Due ${date}`,
    daysLeft: (days: number) => (days === 0 ? 'due today' : days === 1 ? '1 day left' : `${days} days left`),
    overdue: (days: number) =>
      days === 1 ? '1 day overdue' : `${new Intl.NumberFormat('en-GB').format(days)} days overdue`,
    submittedAt: (date: string) => `submitted ${date}`,
  },
  settings: {
    heading: 'Reporting calendar',
    intro:
      'Which periods are reported and the last day to submit each report. The deadline follows the rule unless a date of its own is given. Public holidays are not working days.',
    year: 'Year',
    rule: 'The deadline is working day number',
    ruleHelp: 'of the month after the period ends (1–20).',
    stored: 'The calendar of this year is saved.',
    defaults: 'This year has no calendar of its own: the default is shown. Save to make it the year’s.',
    columns: {
      reported: 'Reported',
      period: 'Reporting period',
      ruleDeadline: 'By the rule',
      override: 'Own date (optional)',
      deadline: 'Deadline',
    },
    reportedLabel: (period: string) => `${period} is reported`,
    overrideLabel: (period: string) => `Own deadline for ${period}`,
    datePlaceholder: 'YYYY-MM-DD',
    notReported: 'Not reported',
    recomputed: 'Recomputed when you save',
    save: 'Save the calendar',
    saving: 'Saving…',
    saved: (year: number) => `The reporting calendar of ${year} is saved.`,
    loading: 'Loading the calendar…',
    loadFailed: 'Could not load the calendar.',
    invalidRule: 'The working day must be a whole number from 1 to 20.',
    invalidDate: (period: string) => `Write the date for ${period} as YYYY-MM-DD.`,
    tooEarly: (period: string, earliest: string) =>
      `The deadline for ${period} cannot be before the period has ended (${earliest} at the earliest).`,
    failed: (reason: string) =>
      reason ? `The calendar was not saved: ${reason}` : 'The calendar was not saved. Try again.',
  },
};
