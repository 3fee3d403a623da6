/** English texts of the overview screen: the same keys as the Swedish ones. */
import type { overviewSv } from '../sv/overview';

export const overviewEn: typeof overviewSv = {
  heading: 'Overview',
  intro: (month: string) =>
    `Where things stand for ${month}: monthly reports, strategic goals, assignments and budget.`,
  monthPicker: {
    label: 'Follow-up month',
    previous: 'Previous month',
    next: 'Next month',
  },
  loading: 'Loading the overview…',
  noPlan: (year: number) => `There is no plan for ${year}.`,
  reports: {
    heading: 'Monthly reports',
    summaryLabel: 'Departments per report status',
    submittedOf: (submitted: number, total: number) =>
      `${submitted} of ${total} departments have submitted or had their report approved.`,
    department: 'Department',
    status: 'Status',
    comment: 'Comment on return',
    states: {
      loading: 'Loading…',
      'ej-paborjad': 'Not started',
      utkast: 'Draft',
      inskickad: 'Submitted',
      godkand: 'Approved',
      aterremitterad: 'Returned',
    },
    count: (count: number) => (count === 1 ? '1 department' : `${count} departments`),
  },
  goals: {
    heading: 'Strategic goals by department',
    caption: (month: string) =>
      `Traffic lights for ${month}. Each goal is shown for the departments responsible for it.`,
    goal: 'Strategic goal',
    statuses: { gron: 'Green', gul: 'Amber', rod: 'Red' },
    notReported: 'Not reported',
    notOwner: 'Not responsible for this goal',
    toGoals: 'All goals and indicators',
  },
  assignments: {
    heading: 'Overdue assignments and assignments due soon',
    todayIs: (date: string, days: number) =>
      `Counted against today, ${date}; "due soon" means within ${days} days.`,
    none: 'No assignment is overdue or due soon.',
    title: 'Assignment',
    department: 'Responsible department',
    endDate: 'End date',
    status: 'Status',
    due: 'Due',
    overdue: 'Overdue',
    dueSoon: 'Due soon',
    noDepartment: 'Unassigned',
    showOverdue: 'All overdue assignments',
    showDueSoon: 'All assignments due soon',
  },
  budget: {
    heading: 'Largest budget deviations',
    intro: (month: string) =>
      `Full-year forecast against budget in the reports for ${month}: the five largest deviations.`,
    none: 'No department has reported a deviation for the month.',
    department: 'Department',
    budget: (year: number) => `Budget ${year}`,
    forecast: 'Full-year forecast',
    deviation: 'Deviation',
    surplus: 'surplus',
    deficit: 'deficit',
    toEconomy: 'Budget of all departments',
  },
};
