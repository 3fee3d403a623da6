/** The mail log in SQL (PGlite and PostgreSQL alike). */
import type { MailLogEntry, MailLogFilter, MailLogStore } from '../types';
import type { SqlClient } from './sqlClient';

interface MailLogRow {
  key: string;
  kind: string;
  user_id: string | null;
  recipient: string;
  redirected_to: string | null;
  subject: string;
  created_at: Date | string;
  sent_at: Date | string | null;
  error: string | null;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

const toEntry = (row: MailLogRow): MailLogEntry => ({
  key: row.key,
  kind: row.kind,
  userId: row.user_id,
  recipient: row.recipient,
  redirectedTo: row.redirected_to,
  subject: row.subject,
  createdAt: iso(row.created_at),
  sentAt: row.sent_at === null ? null : iso(row.sent_at),
  error: row.error,
});

/** Errors are stored for the administrator to read; a whole stack trace is not needed. */
const MAX_ERROR_LENGTH = 2000;

export class SqlMailLogStore implements MailLogStore {
  constructor(private readonly db: SqlClient) {}

  async claim(entry: Omit<MailLogEntry, 'sentAt' | 'error'>): Promise<boolean> {
    // The primary key decides: of concurrent inserts of one key exactly one returns its row.
    const { rows } = await this.db.query<{ key: string }>(
      `insert into mail_log (key, kind, user_id, recipient, redirected_to, subject, created_at)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (key) do nothing returning key`,
      [
        entry.key,
        entry.kind,
        entry.userId,
        entry.recipient,
        entry.redirectedTo,
        entry.subject,
        entry.createdAt,
      ],
    );
    return rows.length === 1;
  }

  async markSent(key: string, at: Date): Promise<void> {
    await this.db.query('update mail_log set sent_at = $2, error = null where key = $1', [
      key,
      at.toISOString(),
    ]);
  }

  async markFailed(key: string, error: string): Promise<void> {
    await this.db.query('update mail_log set error = $2 where key = $1', [
      key,
      error.slice(0, MAX_ERROR_LENGTH),
    ]);
  }

  async list(filter: MailLogFilter = {}): Promise<MailLogEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      where.push(condition(`$${params.length}`));
    };
    if (filter.userId !== undefined) add((p) => `user_id = ${p}`, filter.userId);
    if (filter.from !== undefined) add((p) => `created_at >= ${p}`, filter.from);
    if (filter.to !== undefined) add((p) => `created_at < ${p}`, filter.to);
    if (filter.status === 'sent') where.push('sent_at is not null');
    if (filter.status === 'failed') where.push('sent_at is null and error is not null');
    if (filter.status === 'unsent') where.push('sent_at is null and error is null');
    params.push(filter.limit ?? 500);
    const { rows } = await this.db.query<MailLogRow>(
      `select * from mail_log ${where.length > 0 ? `where ${where.join(' and ')}` : ''}
       order by created_at desc, key limit $${params.length}`,
      params,
    );
    return rows.map(toEntry);
  }
}
