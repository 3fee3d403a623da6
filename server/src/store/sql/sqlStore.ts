/**
 * The store implemented in plain SQL over {@link SqlClient}: shared by the PGlite store and
 * (later) the PostgreSQL store, which differ only in how they connect.
 */
import { randomUUID } from 'node:crypto';
import { defaultReportingCalendar, type ReportingCalendar, reportingCalendar } from '@foljsam/domain';
import {
  type ApprovalStore,
  type AuditAction,
  type AuditEvent,
  type AuditStore,
  type Department,
  DepartmentNumberTakenError,
  type DepartmentPatch,
  type DepartmentStore,
  type DocumentStore,
  type LogEntry,
  type NewDepartment,
  type NewUpdate,
  type NewUser,
  type OidcIdentity,
  type ReminderMode,
  type ReportApproval,
  type ReportingCalendarStore,
  type Role,
  type Session,
  type SessionStore,
  type SsoGroupMapping,
  type SsoGroupStore,
  type StoredDocument,
  type UserPatch,
  type UserRecord,
  type UserStore,
  type UserWithPasswordHash,
  type WorkspaceSettings,
  type WorkspaceSettingsStore,
} from '../types';
import { GroupCommit } from './groupCommit';
import { fromHex, toHex } from './hexBytes';
import { encodeUpdatesStoredAroundSeq } from './notifications';
import type { SqlClient } from './sqlClient';

/** Rows read per query when loading a long log, so one load never holds one giant result. */
const LOAD_PAGE_SIZE = 1000;

export interface SqlDocumentStoreOptions {
  /**
   * A NOTIFY channel told of every append in the same statement, so other processes hear of
   * it exactly when it is committed (the payload: {@link encodeUpdatesStoredAroundSeq}).
   */
  notifyChannel?: string;
  /** Identifies this process in notifications, so it can ignore its own. */
  notifyOrigin?: string;
}

export class SqlDocumentStore implements DocumentStore {
  constructor(
    private readonly db: SqlClient,
    private readonly options: SqlDocumentStoreOptions = {},
  ) {}

  async load(docName: string): Promise<StoredDocument> {
    const head = await this.db.query<{ snapshot: string | null; snapshot_seq: string; last_seq: string }>(
      "select encode(snapshot, 'hex') as snapshot, snapshot_seq, last_seq from documents where name = $1",
      [docName],
    );
    const row = head.rows[0];
    if (!row) return { snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 };
    const snapshotSeq = Number(row.snapshot_seq);
    const updates: Uint8Array[] = [];
    let after = snapshotSeq;
    let lastSeq = snapshotSeq;
    for (;;) {
      const page = await this.db.query<{ seq: string; data: string }>(
        "select seq, encode(data, 'hex') as data from document_updates where doc_name = $1 and seq > $2 order by seq limit $3",
        [docName, after, LOAD_PAGE_SIZE],
      );
      for (const update of page.rows) updates.push(fromHex(update.data));
      const last = page.rows.at(-1);
      if (last) lastSeq = after = Number(last.seq);
      if (page.rows.length < LOAD_PAGE_SIZE) break;
    }
    return { snapshot: row.snapshot === null ? null : fromHex(row.snapshot), snapshotSeq, updates, lastSeq };
  }

  async appendUpdates(docName: string, updates: readonly NewUpdate[]): Promise<number> {
    if (updates.length === 0) throw new Error('appendUpdates needs at least one update');
    return this.groupCommit.append(docName, updates);
  }

  /**
   * Appends of several documents in one statement (see groupCommit.ts): it takes the next
   * sequence numbers of every document, inserts the rows and notifies, in the statement's own
   * transaction. The row lock on a document orders concurrent writers of it,
   * also across processes; rows are locked in name order, so two processes cannot deadlock.
   */
  private readonly groupCommit = new GroupCommit<NewUpdate>(async (appends) => {
    const params: unknown[] = [];
    const rows: string[] = [];
    for (const { docName, updates } of appends) {
      updates.forEach((update, index) => {
        params.push(docName, index + 1, update.data, update.userId);
        const at = params.length;
        rows.push(`($${at - 3}::text, $${at - 2}::bigint, $${at - 1}::bytea, $${at}::text)`);
      });
    }
    // With a channel, the statement also tells the other processes: NOTIFY is delivered when
    // the statement's transaction commits, so they hear of exactly what is stored. One
    // statement is one transaction, so a group costs one round trip, not BEGIN, append,
    // NOTIFY and COMMIT (bench/README.md, "Profiles").
    const { notifyChannel, notifyOrigin } = this.options;
    let notify = '';
    let result = 'select name, last_seq from bumped';
    if (notifyChannel) {
      const payloads = appends.map(({ docName, updates }) =>
        encodeUpdatesStoredAroundSeq({
          docName,
          count: updates.length,
          origin: notifyOrigin,
          updates: updates.map((update) => update.data),
        }),
      );
      params.push(
        notifyChannel,
        appends.map(({ docName }) => docName),
        payloads.map(({ before }) => before),
        payloads.map(({ after }) => after),
      );
      const at = params.length;
      notify = `,
      notified as (
        select pg_notify($${at - 3}, p.before || b.last_seq || p.after)
        from unnest($${at - 2}::text[], $${at - 1}::text[], $${at}::text[]) as p (name, before, after)
        join bumped b on b.name = p.name
      )`;
      // A SELECT in WITH runs only when the query reads it.
      result = 'select name, last_seq from bumped where (select count(*) from notified) >= 0';
    }
    const statement = `
      with input (name, ord, data, user_id) as (values ${rows.join(', ')}),
      counts as (select name, count(*) as n from input group by name),
      bumped as (
        insert into documents as d (name, last_seq)
        select name, n from counts order by name
        on conflict (name) do update set last_seq = d.last_seq + excluded.last_seq, updated_at = now()
        returning d.name, d.last_seq
      ),
      stored as (
        insert into document_updates (doc_name, seq, data, user_id)
        select i.name, b.last_seq - c.n + i.ord, i.data, i.user_id
        from input i join bumped b on b.name = i.name join counts c on c.name = i.name
      )${notify}
      ${result}`;
    const { rows: lastSeqs } = await this.db.query<{ name: string; last_seq: string }>(statement, params);
    return new Map(lastSeqs.map((row) => [row.name, Number(row.last_seq)]));
  });

  async replaceSnapshot(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    // A snapshot never moves backwards: a slower compaction must not overwrite a newer one.
    await this.db.query(
      "update documents set snapshot = decode($2, 'hex'), snapshot_seq = $3 where name = $1 and snapshot_seq < $3 and last_seq >= $3",
      [docName, toHex(snapshot), uptoSeq],
    );
  }

  async loadUpdatesAfter(docName: string, afterSeq: number): Promise<{ seq: number; data: Uint8Array }[]> {
    const { rows } = await this.db.query<{ seq: string; data: string }>(
      "select seq, encode(data, 'hex') as data from document_updates where doc_name = $1 and seq > $2 order by seq",
      [docName, afterSeq],
    );
    return rows.map((row) => ({ seq: Number(row.seq), data: fromHex(row.data) }));
  }

  async pendingUpdateCount(docName: string): Promise<number> {
    const { rows } = await this.db.query<{ pending: string }>(
      'select last_seq - snapshot_seq as pending from documents where name = $1',
      [docName],
    );
    return Number(rows[0]?.pending ?? 0);
  }

  async listDocuments(): Promise<string[]> {
    const { rows } = await this.db.query<{ name: string }>('select name from documents order by name');
    return rows.map((row) => row.name);
  }

  async loadLog(docName: string): Promise<LogEntry[]> {
    const entries: LogEntry[] = [];
    for (;;) {
      const page = await this.loadLogPage(docName, entries.at(-1)?.seq ?? 0, LOAD_PAGE_SIZE);
      entries.push(...page);
      if (page.length < LOAD_PAGE_SIZE) break;
    }
    return entries;
  }

  async loadLogPage(docName: string, afterSeq: number, limit: number): Promise<LogEntry[]> {
    const { rows } = await this.db.query<{
      seq: string;
      data: string;
      user_id: string;
      created_at: Date | string;
    }>(
      "select seq, encode(data, 'hex') as data, user_id, created_at from document_updates where doc_name = $1 and seq > $2 order by seq limit $3",
      [docName, afterSeq, limit],
    );
    return rows.map((row) => ({
      seq: Number(row.seq),
      data: fromHex(row.data),
      userId: row.user_id,
      at: new Date(row.created_at),
    }));
  }
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  department_id: string | null;
  password_hash: string;
  disabled: boolean;
  email: string | null;
  reminder_mode: ReminderMode;
  created_at: Date | string;
  oidc_subject: string | null;
}

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  departmentId: row.department_id,
  disabled: row.disabled,
  email: row.email,
  reminderMode: row.reminder_mode,
  createdAt: new Date(row.created_at).toISOString(),
  sso: row.oidc_subject !== null,
});

export class SqlUserStore implements UserStore {
  constructor(private readonly db: SqlClient) {}

  async create(user: NewUser): Promise<UserRecord> {
    const { rows } = await this.db.query<UserRow>(
      `insert into users (id, username, display_name, role, department_id, password_hash, email,
         oidc_issuer, oidc_subject)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning *`,
      [
        randomUUID(),
        user.username,
        user.displayName,
        user.role,
        user.departmentId,
        user.passwordHash,
        user.email ?? null,
        user.identity?.issuer ?? null,
        user.identity?.subject ?? null,
      ],
    );
    const row = rows[0];
    if (!row) throw new Error('insert into users returned no row');
    return toUser(row);
  }

  async findByUsername(username: string): Promise<UserWithPasswordHash | null> {
    const { rows } = await this.db.query<UserRow>('select * from users where username = $1', [username]);
    const row = rows[0];
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async findById(id: string): Promise<UserRecord | null> {
    const { rows } = await this.db.query<UserRow>('select * from users where id = $1', [id]);
    const row = rows[0];
    return row ? toUser(row) : null;
  }

  async findByIdentity(identity: OidcIdentity): Promise<UserRecord | null> {
    const { rows } = await this.db.query<UserRow>(
      'select * from users where oidc_issuer = $1 and oidc_subject = $2',
      [identity.issuer, identity.subject],
    );
    const row = rows[0];
    return row ? toUser(row) : null;
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>('select count(*) as count from users');
    return Number(rows[0]?.count ?? 0);
  }

  async list(): Promise<UserRecord[]> {
    const { rows } = await this.db.query<UserRow>('select * from users order by username');
    return rows.map(toUser);
  }

  async update(id: string, patch: UserPatch): Promise<UserRecord | null> {
    const columns: Record<keyof UserPatch, string> = {
      displayName: 'display_name',
      role: 'role',
      departmentId: 'department_id',
      disabled: 'disabled',
      email: 'email',
      reminderMode: 'reminder_mode',
    };
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const key of Object.keys(columns) as (keyof UserPatch)[]) {
      if (patch[key] === undefined) continue;
      params.push(patch[key]);
      sets.push(`${columns[key]} = $${params.length}`);
    }
    const { rows } =
      sets.length === 0
        ? await this.db.query<UserRow>('select * from users where id = $1', [id])
        : await this.db.query<UserRow>(
            `update users set ${sets.join(', ')} where id = $1 returning *`,
            params,
          );
    const row = rows[0];
    return row ? toUser(row) : null;
  }

  async setPasswordHash(id: string, passwordHash: string): Promise<boolean> {
    const { rows } = await this.db.query<{ id: string }>(
      'update users set password_hash = $2 where id = $1 returning id',
      [id, passwordHash],
    );
    return rows.length > 0;
  }
}

export class SqlSessionStore implements SessionStore {
  constructor(private readonly db: SqlClient) {}

  async create(tokenHash: string, session: Session): Promise<void> {
    await this.db.query('insert into sessions (token_hash, user_id, expires_at) values ($1, $2, $3)', [
      tokenHash,
      session.userId,
      session.expiresAt.toISOString(),
    ]);
  }

  async find(tokenHash: string): Promise<Session | null> {
    const { rows } = await this.db.query<{ user_id: string; expires_at: Date | string }>(
      'select user_id, expires_at from sessions where token_hash = $1',
      [tokenHash],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, expiresAt: new Date(row.expires_at) } : null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.query('delete from sessions where token_hash = $1', [tokenHash]);
  }

  async deleteExpired(now: Date): Promise<number> {
    const { rows } = await this.db.query<{ token_hash: string }>(
      'delete from sessions where expires_at <= $1 returning token_hash',
      [now.toISOString()],
    );
    return rows.length;
  }

  async deleteForUser(userId: string): Promise<number> {
    const { rows } = await this.db.query<{ token_hash: string }>(
      'delete from sessions where user_id = $1 returning token_hash',
      [userId],
    );
    return rows.length;
  }
}

interface DepartmentRow {
  id: string;
  number: string;
  name: string;
  archived_at: Date | string | null;
}

const toDepartment = (row: DepartmentRow): Department => ({
  id: row.id,
  number: row.number,
  name: row.name,
  archived: row.archived_at !== null,
  archivedAt: row.archived_at === null ? null : new Date(row.archived_at).toISOString(),
});

/**
 * Runs a write of departments, turning a violation of the active-number index (migration 3)
 * into a {@link DepartmentNumberTakenError}: two writers racing for one number both pass the
 * route's check, and the database refuses the second.
 */
async function numberTakenAs<T>(number: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const { code, constraint, message } = error as { code?: string; constraint?: string; message?: string };
    if (
      code === '23505' &&
      (constraint === 'departments_active_number' || message?.includes('departments_active_number'))
    ) {
      throw new DepartmentNumberTakenError(number);
    }
    throw error;
  }
}

export class SqlDepartmentStore implements DepartmentStore {
  constructor(private readonly db: SqlClient) {}

  async upsert(departments: readonly NewDepartment[]): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const department of departments) {
        await tx.query(
          `insert into departments (id, number, name) values ($1, $2, $3)
           on conflict (id) do update set number = excluded.number, name = excluded.name`,
          [department.id, department.number, department.name],
        );
      }
    });
  }

  async create(department: NewDepartment): Promise<boolean> {
    const { rows } = await numberTakenAs(department.number, () =>
      this.db.query<{ id: string }>(
        `insert into departments (id, number, name) values ($1, $2, $3)
         on conflict (id) do nothing returning id`,
        [department.id, department.number, department.name],
      ),
    );
    return rows.length > 0;
  }

  async update(id: string, patch: DepartmentPatch): Promise<Department | null> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    if (patch.name !== undefined) {
      params.push(patch.name);
      sets.push(`name = $${params.length}`);
    }
    if (patch.number !== undefined) {
      params.push(patch.number);
      sets.push(`number = $${params.length}`);
    }
    if (patch.archived === true) sets.push('archived_at = coalesce(archived_at, now())');
    if (patch.archived === false) sets.push('archived_at = null');
    const { rows } =
      sets.length === 0
        ? await this.db.query<DepartmentRow>('select * from departments where id = $1', [id])
        : await numberTakenAs(patch.number, () =>
            this.db.query<DepartmentRow>(
              `update departments set ${sets.join(', ')} where id = $1 returning id, number, name, archived_at`,
              params,
            ),
          );
    const row = rows[0];
    return row ? toDepartment(row) : null;
  }

  async list(): Promise<Department[]> {
    const { rows } = await this.db.query<DepartmentRow>(
      'select id, number, name, archived_at from departments',
    );
    // Section numbers sort naturally: 8.1.2 before 8.1.10.
    return rows.map(toDepartment).sort((a, b) => a.number.localeCompare(b.number, 'sv', { numeric: true }));
  }
}

export class SqlWorkspaceSettingsStore implements WorkspaceSettingsStore {
  constructor(private readonly db: SqlClient) {}

  async get(): Promise<WorkspaceSettings | null> {
    const { rows } = await this.db.query<{
      municipality: string;
      kolada_municipality_id: string;
      demo: boolean;
    }>('select municipality, kolada_municipality_id, demo from workspace_settings where id = 1');
    const row = rows[0];
    return row
      ? { municipality: row.municipality, koladaMunicipalityId: row.kolada_municipality_id, demo: row.demo }
      : null;
  }

  async save(settings: WorkspaceSettings): Promise<void> {
    await this.db.query(
      `insert into workspace_settings (id, municipality, kolada_municipality_id, demo) values (1, $1, $2, $3)
       on conflict (id) do update set municipality = excluded.municipality,
         kolada_municipality_id = excluded.kolada_municipality_id, demo = excluded.demo, updated_at = now()`,
      [settings.municipality, settings.koladaMunicipalityId, settings.demo],
    );
  }
}

export class SqlSsoGroupStore implements SsoGroupStore {
  constructor(private readonly db: SqlClient) {}

  async list(): Promise<SsoGroupMapping[]> {
    const { rows } = await this.db.query<{
      group_id: string;
      label: string;
      role: Role;
      department_id: string | null;
    }>('select group_id, label, role, department_id from sso_group_mappings order by group_id');
    return rows.map((row) => ({
      groupId: row.group_id,
      label: row.label,
      role: row.role,
      departmentId: row.department_id,
    }));
  }

  async save(mapping: SsoGroupMapping): Promise<void> {
    await this.db.query(
      `insert into sso_group_mappings (group_id, label, role, department_id) values ($1, $2, $3, $4)
       on conflict (group_id) do update set label = excluded.label, role = excluded.role,
         department_id = excluded.department_id, updated_at = now()`,
      [mapping.groupId, mapping.label, mapping.role, mapping.departmentId],
    );
  }

  async remove(groupId: string): Promise<boolean> {
    const { rows } = await this.db.query<{ group_id: string }>(
      'delete from sso_group_mappings where group_id = $1 returning group_id',
      [groupId],
    );
    return rows.length > 0;
  }
}

export class SqlReportingCalendarStore implements ReportingCalendarStore {
  constructor(private readonly db: SqlClient) {}

  async get(year: number): Promise<ReportingCalendar> {
    const { rows } = await this.db.query<{ calendar: unknown }>(
      'select calendar from reporting_calendars where year = $1',
      [year],
    );
    const row = rows[0];
    if (!row) return defaultReportingCalendar(year);
    // Validated on read too: a row written by an older version or by hand must not pass unchecked.
    const stored = typeof row.calendar === 'string' ? JSON.parse(row.calendar) : row.calendar;
    return reportingCalendar.parse(stored);
  }

  async isStored(year: number): Promise<boolean> {
    const { rows } = await this.db.query('select 1 from reporting_calendars where year = $1', [year]);
    return rows.length > 0;
  }

  async save(calendar: ReportingCalendar): Promise<void> {
    const valid = reportingCalendar.parse(calendar);
    await this.db.query(
      `insert into reporting_calendars (year, calendar) values ($1, $2)
       on conflict (year) do update set calendar = excluded.calendar, updated_at = now()`,
      [valid.year, JSON.stringify(valid)],
    );
  }
}

interface AuditRow {
  at: Date | string;
  user_id: string | null;
  user_name: string;
  action: AuditAction;
  document: string | null;
  detail: string;
}

const toAuditEvent = (row: AuditRow): AuditEvent => ({
  at: new Date(row.at),
  userId: row.user_id,
  userName: row.user_name,
  action: row.action,
  document: row.document,
  detail: row.detail,
});

/** PostgreSQL text cannot hold NUL; a logged value (e.g. a username someone tried) may. */
const withoutNul = (text: string): string => text.replaceAll('\u0000', '\uFFFD');

export class SqlAuditStore implements AuditStore {
  constructor(private readonly db: SqlClient) {}

  async append(event: Omit<AuditEvent, 'at'> & { at?: Date }): Promise<void> {
    await this.db.query(
      `insert into audit_events (at, user_id, user_name, action, document, detail)
       values (coalesce($1::timestamptz, now()), $2, $3, $4, $5, $6)`,
      [
        event.at?.toISOString() ?? null,
        event.userId,
        withoutNul(event.userName),
        event.action,
        event.document === null ? null : withoutNul(event.document),
        withoutNul(event.detail),
      ],
    );
  }

  async list(from: Date, to: Date): Promise<AuditEvent[]> {
    // Updates come from the update log, named by who the user is now (the log keeps the id).
    const { rows } = await this.db.query<AuditRow>(
      `select at, user_id, user_name, action, document, detail from (
         select at, id as ord, 0 as kind, user_id, user_name, action, document, detail
           from audit_events where at >= $1 and at < $2
         union all
         select u.created_at as at, u.seq as ord, 1 as kind, u.user_id,
                coalesce(users.display_name, u.user_id) as user_name, 'update' as action,
                u.doc_name as document, 'seq ' || u.seq as detail
           from document_updates u left join users on users.id = u.user_id
           where u.created_at >= $1 and u.created_at < $2
       ) events order by at, kind, document, ord`,
      [from.toISOString(), to.toISOString()],
    );
    return rows.map(toAuditEvent);
  }

  async forDocument(document: string, actions: readonly AuditAction[]): Promise<AuditEvent[]> {
    const { rows } = await this.db.query<AuditRow>(
      `select at, user_id, user_name, action, document, detail from audit_events
       where document = $1 and action = any($2) order by id`,
      [document, [...actions]],
    );
    return rows.map(toAuditEvent);
  }
}

export class SqlApprovalStore implements ApprovalStore {
  constructor(private readonly db: SqlClient) {}

  async save(approval: Omit<ReportApproval, 'approvedAt'>): Promise<void> {
    await this.db.query(
      'insert into report_approvals (doc_name, approved_by, state, data) values ($1, $2, $3, $4)',
      [approval.docName, approval.approvedBy, approval.state, JSON.stringify(approval.data)],
    );
  }

  async list(docName: string): Promise<ReportApproval[]> {
    const { rows } = await this.db.query<{
      doc_name: string;
      approved_by: string;
      approved_at: Date | string;
      state: Uint8Array;
      data: unknown;
    }>(
      'select doc_name, approved_by, approved_at, state, data from report_approvals where doc_name = $1 order by id',
      [docName],
    );
    return rows.map((row) => ({
      docName: row.doc_name,
      approvedBy: row.approved_by,
      approvedAt: new Date(row.approved_at),
      state: row.state,
      data: typeof row.data === 'string' ? JSON.parse(row.data) : row.data,
    }));
  }
}
