import type { remindersSv } from '../sv/reminders';

/** English texts of e-mail reminders (same keys as the Swedish). */
export const remindersEn: typeof remindersSv = {
  open: 'Reminders',
  heading: 'E-mail reminders',
  intro:
    'Följsam reminds you of reports before and after their deadline: 7 days before for a monthly report, 28 days before for tertial and year-end reports, and the day after if the report is not submitted.',
  address: 'Your e-mail address',
  noAddress: 'No e-mail address is set. Ask the administrator to add it.',
  mailOff: 'The server sends no e-mail at the moment (no mail server is configured).',
  choice: 'How do you want reminders?',
  modes: {
    each: 'Each reminder when it applies',
    digest: 'One weekly digest on Mondays at 08:00',
    none: 'No reminders',
  },
  save: 'Save',
  saving: 'Saving…',
  saved: 'Your choice is saved.',
  close: 'Close',
  loadFailed: 'The settings could not be loaded.',
  saveFailed: 'Could not save. Try again.',
  emailLabel: 'E-mail address',
  emailHint: 'Where reminders go. Leave empty for none.',
  emailInvalid: 'Enter a valid e-mail address, e.g. name@municipality.se.',
  log: {
    heading: 'Mail log',
    intro:
      'Every reminder sent or attempted. A message is sent at most once; one that failed is not sent again.',
    status: 'Show',
    statusAll: 'All',
    refresh: 'Refresh',
    loading: 'Loading the mail log…',
    loadFailed: 'The mail log could not be loaded.',
    empty: 'No e-mail yet.',
    columns: {
      when: 'When',
      to: 'To',
      redirectedTo: 'Redirected to',
      subject: 'Subject',
      status: 'Status',
    },
    states: {
      sent: 'Sent',
      failed: 'Failed',
      unsent: 'Not sent',
    },
    count: (count: number) => (count === 1 ? '1 message' : `${count} messages`),
  },
};
