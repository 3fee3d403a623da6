/** English texts of the report workflow and read-only states (same keys as sv/workflow.ts). */
import type { workflowSv } from '../sv/workflow';

export const workflowEn: typeof workflowSv = {
  heading: 'Workflow',
  statusLabel: 'Report status',
  actionsLabel: 'Report actions',
  actions: {
    submit: 'Submit',
    approve: 'Approve',
    return: 'Return',
    reopen: 'Reopen',
  },
  returnForm: {
    label: 'Comment to the department',
    hint: 'Say what needs fixing. The comment is required and shown to the department.',
    confirm: 'Return the report',
    required: 'Write a comment before returning the report.',
  },
  reopenForm: {
    label: 'Reason to reopen the report',
    hint: 'The reason is required and kept in the log.',
    confirm: 'Reopen the report',
    required: 'Write a reason before reopening the report.',
  },
  cancel: 'Cancel',
  working: 'Saving…',
  done: {
    submit: 'The report is submitted.',
    approve: 'The report is approved.',
    return: 'The report is returned.',
    reopen: 'The report is reopened.',
  },
  errors: {
    forbidden: 'You are not allowed to do this.',
    conflict: "The report's status changed meanwhile. The current status is shown now.",
    unreachable: 'Could not reach the server. Please try again.',
    failed: (message: string) => (message ? `That failed: ${message}` : 'That failed. Please try again.'),
    loadFailed: "The report's events could not be loaded.",
  },
  events: {
    heading: 'Events',
    empty: 'No events yet.',
    submit: (who: string) => `${who} submitted the report`,
    approve: (who: string) => `${who} approved the report`,
    return: (who: string) => `${who} returned the report`,
    reopen: (who: string) => `${who} reopened the report`,
    comment: 'Comment',
    reason: 'Reason',
  },
  returnComment: (comment: string) => `Returned with the comment: ${comment}`,
  state: {
    utkast: 'The report is a draft and has not been submitted.',
    reopened: (who: string, when: string) => `Reopened by ${who} ${when}. The report is a draft again.`,
    inskickad: (who: string, when: string) =>
      `Submitted by ${who} ${when}. Awaiting the municipal manager's review.`,
    godkand: (who: string, when: string) => `Approved by ${who} ${when}.`,
    aterremitterad: (who: string, when: string) => `Returned by ${who} ${when}.`,
  },
  changed: {
    heading: 'Changed after submission',
    intro: 'The following has changed since the report was submitted:',
    by: (who: string) => `changed by ${who}`,
    unknownWriter: 'unknown',
  },
  stale: {
    heading: 'The report has changed since you read it',
    intro:
      'The approval was not saved. This changed since the version you saw; review the changes and approve again:',
    unsaved:
      'The approval was not saved: the report on screen differs from the saved one. Wait until everything is saved and try again.',
  },
  submitProblem: {
    commentRequired:
      'The forecast deviates more than 10 % from the budget. Write a budget analysis explaining the deviation before submitting.',
    negativeCostOutcome:
      'The outcome to date is negative for a department with a cost budget. Correct it before submitting.',
    negativeCostForecast:
      'The full-year forecast is negative for a department with a cost budget. Correct it before submitting.',
    tooLarge:
      'A budget figure is implausibly large (more than ten times the budget). Correct it before submitting.',
  },
  fields: {
    outcomeToDate: 'Outcome to date (budget)',
    forecast: 'Full-year forecast (budget)',
    budgetAnalysis: 'Budget analysis',
    outcome: (name: string) => `Outcome: ${name}`,
    status: (name: string) => `Status: ${name}`,
    analysis: (name: string) => `Analysis: ${name}`,
    actions: (name: string) => `Actions: ${name}`,
  },
  readOnly: {
    approved: 'The report is approved and can no longer be changed. The municipal manager can reopen it.',
    role: 'You have read access and cannot change the report.',
    'other-department': 'The report belongs to another department. You can read it but not change it.',
  },
};
