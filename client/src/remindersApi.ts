/**
 * The REST calls of e-mail reminders: the signed-in user's own choice
 * (`/api/reminder-settings`) and the administrator's mail log (`/api/mail-log`), through the
 * typed Hono RPC client, errors as values (see rolesApi.ts).
 */
import type { MailLogEntry, ReminderMode } from '@foljsam/server';
import { api } from './api';
import { type ApiResult, settle } from './rolesApi';

export type { MailLogEntry, ReminderMode };

/** How a user may want reminders: each as it falls due, a weekly digest, or none. */
export const REMINDER_MODES: readonly ReminderMode[] = ['each', 'digest', 'none'];

export interface ReminderSettings {
  /** Set by the administrator; null when none. */
  email: string | null;
  reminderMode: ReminderMode;
  /** Whether the server sends e-mail at all (SMTP configured). */
  mailEnabled: boolean;
}

export type MailStatus = 'sent' | 'failed' | 'unsent';

/** Where an entry stands: sent, failed (the error is stored), or claimed but never sent (a crash). */
export function mailStatus(entry: MailLogEntry): MailStatus {
  if (entry.sentAt !== null) return 'sent';
  return entry.error !== null ? 'failed' : 'unsent';
}

export function fetchReminderSettings(): Promise<ApiResult<ReminderSettings>> {
  return settle(
    () => api['reminder-settings'].$get(),
    async (response) => (await response.json()) as ReminderSettings,
  );
}

export function saveReminderMode(reminderMode: ReminderMode): Promise<ApiResult<ReminderSettings>> {
  return settle(
    () => api['reminder-settings'].$put({ json: { reminderMode } }),
    async (response) => (await response.json()) as ReminderSettings,
  );
}

export function fetchMailLog(status?: MailStatus): Promise<ApiResult<MailLogEntry[]>> {
  return settle(
    () => api['mail-log'].$get({ query: status ? { status } : {} }),
    async (response) => (await response.json()) as MailLogEntry[],
  );
}
