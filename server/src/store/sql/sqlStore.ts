/**
 * The store implemented in plain SQL over {@link SqlClient}: shared by the PGlite store and
 * (later) the PostgreSQL store, which differ only in how they connect.
 */
import { randomUUID } from 'node:crypto';
import type {
  Department,
  DepartmentStore,
  DocumentStore,
  NewUpdate,
  NewUser,
  Role,
  Session,
  SessionStore,
  StoredDocument,
  User,
  UserStore,
  UserWithPasswordHash,
} from '../types';
import type { SqlClient } from './sqlClient';

/** Rows read per query when loading a long log, so one load never holds one giant result. */
const LOAD_PAGE_SIZE = 1000;

export interface SqlDocumentStoreOptions {
  /**
   * A NOTIFY channel told of every append in the same transaction, so other processes hear of
   * it exactly when it is committed: `{"d": docName, "s": lastSeq, "n": count, "p": origin}`,
   * plus `"u"`, the updates in base64, when they fit in a notification.
   */
  notifyChannel?: string;
  /** Identifies this process in notifications, so it can ignore its own. */
  notifyOrigin?: string;
}

/** NOTIFY payloads are limited to 8000 bytes; larger batches are read from the log instead. */
const MAX_INLINE_PAYLOAD = 7000;

function notificationPayload(
  docName: string,
  lastSeq: number,
  updates: readonly NewUpdate[],
  origin: string | undefined,
): string {
  const head = { d: docName, s: lastSeq, n: updates.length, p: origin };
  const inline = JSON.stringify({
    ...head,
    u: updates.map((update) => Buffer.from(update.data).toString('base64')),
  });
  return inline.length <= MAX_INLINE_PAYLOAD ? inline : JSON.stringify(head);
}

export class SqlDocumentStore implements DocumentStore {
  constructor(
    private readonly db: SqlClient,
    private readonly options: SqlDocumentStoreOptions = {},
  ) {}

  async load(docName: string): Promise<StoredDocument> {
    const head = await this.db.query<{ snapshot: Uint8Array | null; snapshot_seq: string; last_seq: string }>(
      'select snapshot, snapshot_seq, last_seq from documents where name = $1',
      [docName],
    );
    const row = head.rows[0];
    if (!row) return { snapshot: null, snapshotSeq: 0, updates: [], lastSeq: 0 };
    const snapshotSeq = Number(row.snapshot_seq);
    const updates: Uint8Array[] = [];
    let after = snapshotSeq;
    let lastSeq = snapshotSeq;
    for (;;) {
      const page = await this.db.query<{ seq: string; data: Uint8Array }>(
        'select seq, data from document_updates where doc_name = $1 and seq > $2 order by seq limit $3',
        [docName, after, LOAD_PAGE_SIZE],
      );
      for (const update of page.rows) updates.push(update.data);
      const last = page.rows.at(-1);
      if (last) lastSeq = after = Number(last.seq);
      if (page.rows.length < LOAD_PAGE_SIZE) break;
    }
    return { snapshot: row.snapshot, snapshotSeq, updates, lastSeq };
  }

  async appendUpdates(docName: string, updates: readonly NewUpdate[]): Promise<number> {
    if (updates.length === 0) throw new Error('appendUpdates needs at least one update');
    return this.db.transaction(async (tx) => {
      await tx.query('insert into documents (name) values ($1) on conflict (name) do nothing', [docName]);
      // The row lock taken here orders concurrent writers of one document, also across processes.
      const { rows } = await tx.query<{ last_seq: string }>(
        'update documents set last_seq = last_seq + $2, updated_at = now() where name = $1 returning last_seq',
        [docName, updates.length],
      );
      const lastSeq = Number(rows[0]?.last_seq);
      const firstSeq = lastSeq - updates.length + 1;
      const values: string[] = [];
      const params: unknown[] = [docName];
      updates.forEach((update, index) => {
        params.push(firstSeq + index, update.data, update.userId);
        values.push(`($1, $${params.length - 2}, $${params.length - 1}, $${params.length})`);
      });
      await tx.query(
        `insert into document_updates (doc_name, seq, data, user_id) values ${values.join(', ')}`,
        params,
      );
      if (this.options.notifyChannel) {
        await tx.query('select pg_notify($1, $2)', [
          this.options.notifyChannel,
          notificationPayload(docName, lastSeq, updates, this.options.notifyOrigin),
        ]);
      }
      return lastSeq;
    });
  }

  async replaceSnapshot(docName: string, snapshot: Uint8Array, uptoSeq: number): Promise<void> {
    // A snapshot never moves backwards: a slower compaction must not overwrite a newer one.
    await this.db.query(
      'update documents set snapshot = $2, snapshot_seq = $3 where name = $1 and snapshot_seq < $3 and last_seq >= $3',
      [docName, snapshot, uptoSeq],
    );
  }

  async loadUpdatesAfter(docName: string, afterSeq: number): Promise<{ seq: number; data: Uint8Array }[]> {
    const { rows } = await this.db.query<{ seq: string; data: Uint8Array }>(
      'select seq, data from document_updates where doc_name = $1 and seq > $2 order by seq',
      [docName, afterSeq],
    );
    return rows.map((row) => ({ seq: Number(row.seq), data: row.data }));
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
}

interface UserRow {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  department_id: string | null;
  password_hash: string;
}

const toUser = (row: UserRow): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  departmentId: row.department_id,
});

export class SqlUserStore implements UserStore {
  constructor(private readonly db: SqlClient) {}

  async create(user: NewUser): Promise<User> {
    const { rows } = await this.db.query<UserRow>(
      `insert into users (id, username, display_name, role, department_id, password_hash)
       values ($1, $2, $3, $4, $5, $6) returning *`,
      [randomUUID(), user.username, user.displayName, user.role, user.departmentId, user.passwordHash],
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

  async findById(id: string): Promise<User | null> {
    const { rows } = await this.db.query<UserRow>('select * from users where id = $1', [id]);
    const row = rows[0];
    return row ? toUser(row) : null;
  }

  async count(): Promise<number> {
    const { rows } = await this.db.query<{ count: string }>('select count(*) as count from users');
    return Number(rows[0]?.count ?? 0);
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
}

export class SqlDepartmentStore implements DepartmentStore {
  constructor(private readonly db: SqlClient) {}

  async upsert(departments: readonly Department[]): Promise<void> {
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

  async list(): Promise<Department[]> {
    const { rows } = await this.db.query<Department>('select id, number, name from departments');
    // Section numbers sort naturally: 8.1.2 before 8.1.10.
    return rows.sort((a, b) => a.number.localeCompare(b.number, 'sv', { numeric: true }));
  }
}
