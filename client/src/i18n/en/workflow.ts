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
  readOnly: {
    approved: 'The report is approved and can no longer be changed. The municipal manager can reopen it.',
    role: 'You have read access and cannot change the report.',
    'other-department': 'The report belongs to another department. You can read it but not change it.',
  },
};
