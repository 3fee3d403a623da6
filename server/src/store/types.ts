/**
 * The server's storage, behind small interfaces so that the embedded PGlite store and a
 * PostgreSQL store are interchangeable. Every implementation runs the same contract tests
 * (see documentStore.contract.ts).
 */

/** Where the server keeps its data. */
export type StoreKind = 'pglite' | 'postgres';

/** An update to append to a document's log, with who made it (for history). */
export interface NewUpdate {
  data: Uint8Array;
  /** The user id, or "system" for updates the server itself made (the demo seed). */
  userId: string;
}

/** The user id recorded for updates the server makes itself. */
export const SYSTEM_USER_ID = 'system';

/** Everything stored for one document: the newest snapshot and the log after it. */
export interface StoredDocument {
  /** A Yjs update holding the state up to and including `snapshotSeq`; null if never compacted. */
  snapshot: Uint8Array | null;
  snapshotSeq: number;
  /** Yjs updates after the snapshot, in log order. */
  updates: Uint8Array[];
  /** Sequence number of the last stored update (0 for a new document). */
  lastSeq: number;
}

/**
 * Durable storage of Yjs documents as an append-only update log plus a compacted snapshot.
 *
 * The sync server relies on one promise: when `appendUpdates` resolves, the updates are
 * committed and survive a crash of the process. It broadcasts an update only after that, and
 * tells the sender it is stored only after {@link DocumentStore.whenDurable}.
 */
export interface DocumentStore {
  /** Loads a document; a document that was never written comes back empty. */
  load(docName: string): Promise<StoredDocument>;
  /** Appends updates in one transaction and returns the sequence number of the last one. */
  appendUpdates(docName: string, updates: readonly NewUpdate[]): Promise<number>;
  /**
   * Resolves once every append resolved before the call survives a power loss as well, as far
   * as the store can promise it (docs/architecture.md, "Durability"). Left out by stores
   * whose appends are that durable when they resolve (the SQL stores commit in the database).
   */
  whenDurable?(): Promise<void>;
  /**
   * Replaces the snapshot with `snapshot`, which must hold everything up to `uptoSeq`. Loads
   * then read only the log after it. The log rows stay: they are the document's history.
   */
  replaceSnapshot(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>;
  /**
   * The log entries after `afterSeq`, in order with their sequence numbers: how a process
   * catches up with what other processes stored.
   */
  loadUpdatesAfter(docName: string, afterSeq: number): Promise<{ seq: number; data: Uint8Array }[]>;
  /** Number of log entries after the snapshot, to decide when to compact. */
  pendingUpdateCount(docName: string): Promise<number>;
  /** Names of all stored documents. */
  listDocuments(): Promise<string[]>;
  /**
   * The whole update log of a document, oldest first, with who stored each update and when
   * (compaction keeps the rows): the source of a field's history.
   */
  loadLog(docName: string): Promise<LogEntry[]>;
  /**
   * At most `limit` log entries after `afterSeq`, oldest first: the log a page at a time, so a
   * long history is replayed without holding every row in memory.
   */
  loadLogPage(docName: string, afterSeq: number, limit: number): Promise<LogEntry[]>;
}

/** One stored update with its author. */
export interface LogEntry {
  seq: number;
  data: Uint8Array;
  userId: string;
  at: Date;
}

/** A user's role; what each may do is in the domain's access rules (packages/domain/src/access.ts). */
export type { Role } from '@foljsam/domain';

import type { ReportingCalendar, Role } from '@foljsam/domain';
import type { SqlClient } from './sql/sqlClient';

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  /** The department of an avdelningschef; null for other roles. */
  departmentId: string | null;
}

/**
 * How a user wants deadline reminders (påminnelser): each reminder as it falls due, one weekly
 * digest on Monday morning, or none.
 */
export type ReminderMode = 'each' | 'digest' | 'none';

/** A user as the administration sees it. */
export interface UserRecord extends User {
  /** A disabled user cannot sign in and has no sessions. */
  disabled: boolean;
  /** Where reminders go; null when the administrator has not given one. */
  email: string | null;
  reminderMode: ReminderMode;
  /** ISO time. */
  createdAt: string;
  /** Whether the user signs in through single sign-on (was created by it). */
  sso: boolean;
}

export interface UserWithPasswordHash extends UserRecord {
  passwordHash: string;
}

/** What an administrator may change about a user. */
export interface UserPatch {
  displayName?: string;
  role?: Role;
  departmentId?: string | null;
  disabled?: boolean;
  email?: string | null;
  reminderMode?: ReminderMode;
}

export interface NewUser extends Omit<User, 'id'> {
  /** Empty for a user of single sign-on only: no password matches it. */
  passwordHash: string;
  email?: string | null;
  /** Who the user is at the identity provider, for a user created by single sign-on. */
  identity?: OidcIdentity;
}

/** A person at an OpenID Connect provider: the ID token's `iss` and `sub`, stable for life. */
export interface OidcIdentity {
  issuer: string;
  subject: string;
}

/** Users and their password hashes. Passwords themselves are never stored. */
export interface UserStore {
  create(user: NewUser): Promise<User>;
  findByUsername(username: string): Promise<UserWithPasswordHash | null>;
  findById(id: string): Promise<UserRecord | null>;
  /** The user single sign-on created for this identity; null before their first sign-in. */
  findByIdentity(identity: OidcIdentity): Promise<UserRecord | null>;
  count(): Promise<number>;
  list(): Promise<UserRecord[]>;
  /** Applies a patch; null if there is no such user. */
  update(id: string, patch: UserPatch): Promise<UserRecord | null>;
  /** Replaces the password hash; false if there is no such user. */
  setPasswordHash(id: string, passwordHash: string): Promise<boolean>;
}

export interface Session {
  userId: string;
  expiresAt: Date;
}

/** Sign-in sessions, stored by the SHA-256 of their token so a database leak reveals no token. */
export interface SessionStore {
  create(tokenHash: string, session: Session): Promise<void>;
  find(tokenHash: string): Promise<Session | null>;
  delete(tokenHash: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
  /** Ends every session of a user; returns how many there were. */
  deleteForUser(userId: string): Promise<number>;
}

/** What the audit log records (besides document updates, which come from the update log). */
export type AuditAction =
  | 'update'
  | 'submit'
  | 'approve'
  | 'return'
  | 'reopen'
  | 'sign-in'
  | 'sign-in-failed'
  | 'user-created'
  | 'user-changed'
  | 'password-reset'
  | 'sessions-revoked'
  | 'department-created'
  | 'department-changed'
  | 'plan-created'
  | 'plan-adopted'
  | 'assignments-carried-over'
  | 'calendar-changed'
  | 'sso-group-changed';

export interface AuditEvent {
  at: Date;
  /** Null for a failed sign-in with an unknown username. */
  userId: string | null;
  /** The user's display name at the time (for a failed sign-in: the username tried). */
  userName: string;
  action: AuditAction;
  /**
   * The document concerned (workflow steps, updates); for user administration `user:<username>`,
   * for departments `department:<id>`.
   */
  document: string | null;
  detail: string;
}

/** The audit log (revisionslogg). */
export interface AuditStore {
  /** Records an event; `at` defaults to now (the demo seed back-dates its events). */
  append(event: Omit<AuditEvent, 'at'> & { at?: Date }): Promise<void>;
  /**
   * Everything in [from, to): the recorded events and one `update` row per stored document
   * update (from the update log), oldest first.
   */
  list(from: Date, to: Date): Promise<AuditEvent[]>;
  /** The recorded events of one document with the given actions, oldest first. */
  forDocument(document: string, actions: readonly AuditAction[]): Promise<AuditEvent[]>;
}

/** A report's frozen state at an approval. */
export interface ReportApproval {
  docName: string;
  approvedBy: string;
  approvedAt: Date;
  /** The Yjs state (an update holding everything). */
  state: Uint8Array;
  /** The report as plain data (readReport). */
  data: unknown;
}

/** Snapshots taken at approval, never changed afterwards. */
export interface ApprovalStore {
  save(approval: Omit<ReportApproval, 'approvedAt'>): Promise<void>;
  /** Every approval of a report, oldest first. */
  list(docName: string): Promise<ReportApproval[]>;
}

/** A department as written by the seed or an administrator. */
export interface NewDepartment {
  id: string;
  number: string;
  name: string;
}

export interface Department extends NewDepartment {
  /**
   * An archived department keeps its history and reports but is not offered for new work
   * (no new department heads, no new assignments).
   */
  archived: boolean;
  /** ISO time of the archiving; null while active. */
  archivedAt: string | null;
}

/** What an administrator may change about a department (its id never changes). */
export interface DepartmentPatch {
  name?: string;
  number?: string;
  /** true archives (keeping the first archiving time), false restores. */
  archived?: boolean;
}

/** Thrown when a change would give two active departments the same number. */
export class DepartmentNumberTakenError extends Error {
  /** `number`: the number asked for; undefined when a restore found its own number taken. */
  constructor(readonly number: string | undefined) {
    super(
      number === undefined
        ? 'another active department has the same number'
        : `another active department has number ${number}`,
    );
    this.name = 'DepartmentNumberTakenError';
  }
}

/** The organisation's departments; users and reports refer to them by id. */
export interface DepartmentStore {
  /** Creates or replaces departments by id (the demo seed); archiving is left as it was. */
  upsert(departments: readonly NewDepartment[]): Promise<void>;
  /**
   * Creates one active department; false when the id is taken, {@link DepartmentNumberTakenError}
   * when an active department has its number.
   */
  create(department: NewDepartment): Promise<boolean>;
  /**
   * Renames, renumbers, archives or restores; null if there is no such department,
   * {@link DepartmentNumberTakenError} when the department would be active with a taken number.
   */
  update(id: string, patch: DepartmentPatch): Promise<Department | null>;
  /** Every department, archived ones too, in section order (8.1.2 before 8.1.10). */
  list(): Promise<Department[]>;
}

/** The municipality the workspace belongs to. */
export interface WorkspaceSettings {
  /** The municipality's name, e.g. "Ale kommun". */
  municipality: string;
  /** Its four-digit municipality id in Kolada, e.g. "1440". */
  koladaMunicipalityId: string;
  /** Whether the store holds the demo workspace (set by the demo seed only). */
  demo: boolean;
}

/** The one row of workspace settings: written by `pnpm admin init` or the demo seed. */
export interface WorkspaceSettingsStore {
  /** Null before a first run or demo seed wrote them. */
  get(): Promise<WorkspaceSettings | null>;
  save(settings: WorkspaceSettings): Promise<void>;
}

/** The reporting calendars (rapporteringskalendrar), one per year. */
export interface ReportingCalendarStore {
  /** The year's stored calendar, or `defaultReportingCalendar(year)` when none is stored. */
  get(year: number): Promise<ReportingCalendar>;
  /** Whether the year has a calendar of its own (rather than the default). */
  isStored(year: number): Promise<boolean>;
  /** Stores a calendar (validated; throws a ZodError on an invalid one) for its year. */
  save(calendar: ReportingCalendar): Promise<void>;
}

/**
 * Notifications between server processes sharing one database: "document X has stored up to
 * sequence N" and presence updates. Absent where only one process can use the store.
 */
/**
 * Sessions that ended before their time: one session (sign-out; by the SHA-256 of its token,
 * which is what the store keeps) or all of a user's (revocation, role change, disabling).
 * `reason` says when it was a change of the user's role or department.
 */
export type EndedSessions = { tokenHash: string } | { userId: string; reason?: SessionEndReason };

/** Why all of a user's sessions ended, when the client should be told more than "ended". */
export type SessionEndReason = 'role-changed';

export interface Fanout {
  /**
   * Called for every batch of updates another process stores: the newest sequence number, and
   * the batch's updates when they were small enough to travel with the notification.
   */
  onUpdatesStored(listener: (docName: string, lastSeq: number, updates?: Uint8Array[]) => void): () => void;
  /** Sends a presence update to the other processes. */
  publishAwareness(docName: string, update: Uint8Array): void;
  /** Called for presence updates from other processes. */
  onAwareness(listener: (docName: string, update: Uint8Array) => void): () => void;
  /** Called after the notification channel was lost and is back: catch up on everything. */
  onReconnected(listener: () => void): () => void;
  /** Tells the other processes that sessions ended, so they close those sessions' websockets. */
  publishSessionsEnded(ended: EndedSessions): void;
  /** Called when another process (or `pnpm admin`) ended sessions. */
  onSessionsEnded(listener: (ended: EndedSessions) => void): () => void;
  /** Resolves when everything published so far has been sent (before a short-lived process exits). */
  flush(): Promise<void>;
}

/** One e-mail in the mail log (e-postlogg). */
export interface MailLogEntry {
  /** Names the message so it is sent at most once, e.g. `before:2015-05:hr:<userId>`. */
  key: string;
  /** `before`, `after`, `summary` or `digest` (see docs/reminders.md). */
  kind: string;
  /** The user it is for; null if the user was since removed. */
  userId: string | null;
  /** The user's address. */
  recipient: string;
  /** Where it actually went when MAIL_REDIRECT_ALL is set; null otherwise. */
  redirectedTo: string | null;
  subject: string;
  /** ISO time the message was claimed (just before sending). */
  createdAt: string;
  /** ISO time the SMTP server accepted it; null while unsent or failed. */
  sentAt: string | null;
  /** Why sending failed; null unless it did. */
  error: string | null;
}

/** Filters of {@link MailLogStore.list}; all optional. */
export interface MailLogFilter {
  userId?: string;
  status?: 'sent' | 'failed' | 'unsent';
  /** ISO time: entries created at or after it. */
  from?: string;
  /** ISO time: entries created before it. */
  to?: string;
  limit?: number;
}

/**
 * The mail log: a message is claimed (inserted) before it is sent, so that across restarts and
 * processes each key is sent at most once.
 */
export interface MailLogStore {
  /**
   * Inserts the entry unless its key exists; true only for the one caller whose insert made the
   * row (that caller, and no other, sends it).
   */
  claim(entry: Omit<MailLogEntry, 'sentAt' | 'error'>): Promise<boolean>;
  markSent(key: string, at: Date): Promise<void>;
  markFailed(key: string, error: string): Promise<void>;
  /** Newest first. */
  list(filter?: MailLogFilter): Promise<MailLogEntry[]>;
}

/**
 * What a group at the identity provider (its id as the groups claim carries it, e.g. an Entra
 * group's object id) gives its members in Följsam.
 */
export interface SsoGroupMapping {
  groupId: string;
  /** The administrator's note of which group this is (Entra's claim holds only an id). */
  label: string;
  role: Role;
  /** The department of an avdelningschef; null for other roles. */
  departmentId: string | null;
}

/** The administrator's mapping of identity provider groups to roles and departments. */
export interface SsoGroupStore {
  /** Every mapping, by group id. */
  list(): Promise<SsoGroupMapping[]>;
  /** Creates or replaces the mapping of `mapping.groupId`. */
  save(mapping: SsoGroupMapping): Promise<void>;
  /** Removes a group's mapping; false if it had none. */
  remove(groupId: string): Promise<boolean>;
}

/** One open storage backend with all its parts. */
export interface Store {
  readonly kind: StoreKind;
  readonly documents: DocumentStore;
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly departments: DepartmentStore;
  readonly workspace: WorkspaceSettingsStore;
  readonly audit: AuditStore;
  readonly approvals: ApprovalStore;
  readonly calendars: ReportingCalendarStore;
  readonly mail: MailLogStore;
  readonly ssoGroups: SsoGroupStore;
  /** Present when several server processes can share the store. */
  readonly fanout?: Fanout;
  /**
   * Runs `fn` while no other process runs its start-up on this store (the demo seed), so two
   * processes starting at once do not both load it.
   */
  startupLock<T>(fn: () => Promise<T>): Promise<T>;
  /**
   * Runs `fn` if no other process is running the job `name` on this store, holding the job's
   * lock meanwhile; resolves `{ ran: false }` without waiting when another process has it.
   */
  tryJobLock<T>(name: string, fn: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }>;
  /** The SQL database under the store: for backup and restore (server/src/backup/) only. */
  readonly database: StoreDatabase;
  /** Cheap round trip to the database, for readiness. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Raw access to a store's tables for backup and restore, which copy them as they are (ids,
 * times, password hashes) rather than through the stores above.
 */
export interface StoreDatabase {
  readonly sql: SqlClient;
  /**
   * Writes everything acknowledged into the SQL tables: the embedded store acknowledges
   * document updates once they are in its update log, before they reach PGlite.
   */
  flush(): Promise<void>;
  /**
   * Runs `replace`, which replaces the tables' contents, so that nothing kept outside them
   * (the embedded store's update log) is replayed over the result, and makes the result
   * durable. The store must be reopened afterwards before it serves anything.
   */
  replaceContents<T>(replace: () => Promise<T>): Promise<T>;
}
