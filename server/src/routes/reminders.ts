/**
 * Reminder e-mails (påminnelser) over REST:
 * - `GET /api/reminder-settings`: the signed-in user's address and reminder choice, and whether
 *   the server sends e-mail at all; `PUT /api/reminder-settings` `{ reminderMode }` changes the
 *   choice (`each`, `digest` or `none`). The address is the administrator's to set.
 * - `GET /api/mail-log?status=sent|failed|unsent&userId=…&from=YYYY-MM-DD&to=YYYY-MM-DD`
 *   (admin only): every reminder e-mail sent or attempted, newest first.
 */
import { isoDate } from '@foljsam/domain';
import { Hono } from 'hono';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import type { Store } from '../store/types';
import { validate } from './validation';

export interface ReminderRouteDeps {
  store: Store;
  sessions: SessionService;
  /** Whether SMTP is configured (reminders are off otherwise). */
  mailEnabled: boolean;
}

const reminderMode = z.enum(['each', 'digest', 'none']);

const mailLogQuery = z
  .object({
    status: z.enum(['sent', 'failed', 'unsent']).optional(),
    userId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a user id')
      .optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, 'from is after to');

/** `/api/reminder-settings`: the signed-in user's own reminder choice. */
export function reminderSettingsRoutes({ store, sessions, mailEnabled }: ReminderRouteDeps) {
  return new Hono<AuthEnv>()
    .use('*', requireSession(sessions))
    .get('/', async (c) => {
      const record = await store.users.findById(c.get('user').id);
      if (!record) return c.json({ error: 'no such user' }, 404);
      return c.json({ email: record.email, reminderMode: record.reminderMode, mailEnabled }, 200);
    })
    .put('/', validate('json', z.object({ reminderMode }).strict()), async (c) => {
      const user = c.get('user');
      const current = await store.users.findById(user.id);
      if (!current) return c.json({ error: 'no such user' }, 404);
      const { reminderMode: next } = c.req.valid('json');
      const updated = await store.users.update(user.id, { reminderMode: next });
      if (!updated) return c.json({ error: 'no such user' }, 404);
      if (current.reminderMode !== next) {
        await store.audit.append({
          userId: user.id,
          userName: user.displayName,
          action: 'user-changed',
          document: `user:${current.username}`,
          detail: `reminderMode: ${JSON.stringify(current.reminderMode)} → ${JSON.stringify(next)}`,
        });
      }
      return c.json({ email: updated.email, reminderMode: updated.reminderMode, mailEnabled }, 200);
    });
}

/** `/api/mail-log`: the administrator's log of reminder e-mails. */
export function mailLogRoutes({ store, sessions }: Omit<ReminderRouteDeps, 'mailEnabled'>) {
  return new Hono<AuthEnv>().get(
    '/',
    requireSession(sessions),
    validate('query', mailLogQuery),
    async (c) => {
      if (c.get('user').role !== 'admin')
        return c.json({ error: 'only an administrator reads the mail log' }, 403);
      const { status, userId, from, to } = c.req.valid('query');
      // Dates are whole days in UTC, as in the audit log; `to` is included.
      const entries = await store.mail.list({
        status,
        userId,
        from: from ? `${from}T00:00:00.000Z` : undefined,
        to: to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() : undefined,
        limit: 1000,
      });
      return c.json(entries, 200);
    },
  );
}
