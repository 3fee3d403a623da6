/**
 * Versioned schema migrations, applied in order at start inside one transaction each. A
 * migration is never edited once released: add a new one. Migrations only go forward: a store
 * that a newer Följsam has opened is refused (see {@link StoreTooNewError} and docs/upgrades.md).
 * A new table goes into the backup (backup/backupFile.ts, BACKED_UP_TABLES) or is left out
 * there on purpose; a backup of an older schema restores into a newer one as long as added
 * columns have defaults.
 */
import semver from 'semver';
import { PRODUCT_VERSION } from '../../version';
import type { SqlClient } from './sqlClient';

interface Migration {
  version: number;
  description: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'departments, users, sessions, documents and their update log',
    sql: `
      create table departments (
        id text primary key,
        number text not null,
        name text not null
      );
      create table users (
        id text primary key,
        username text not null unique,
        display_name text not null,
        role text not null check (role in ('admin', 'kommunchef', 'avdelningschef', 'lasare')),
        department_id text references departments (id),
        password_hash text not null,
        created_at timestamptz not null default now()
      );
      create table sessions (
        token_hash text primary key,
        user_id text not null references users (id) on delete cascade,
        expires_at timestamptz not null,
        created_at timestamptz not null default now()
      );
      create index sessions_expires_at on sessions (expires_at);
      create table documents (
        name text primary key,
        snapshot bytea,
        snapshot_seq bigint not null default 0,
        last_seq bigint not null default 0,
        updated_at timestamptz not null default now()
      );
      -- The update log is also the history (who changed what and when), so compaction folds
      -- it into documents.snapshot but keeps the rows.
      create table document_updates (
        doc_name text not null references documents (name),
        seq bigint not null,
        data bytea not null,
        user_id text not null,
        created_at timestamptz not null default now(),
        primary key (doc_name, seq)
      );
    `,
  },
  {
    version: 2,
    description: 'disabled users, the audit log, approved report snapshots',
    sql: `
      alter table users add column disabled boolean not null default false;
      -- Sign-ins, workflow steps and user administration. Document updates are not copied here:
      -- their who and when are the document_updates rows.
      create table audit_events (
        id bigserial primary key,
        at timestamptz not null default now(),
        user_id text,
        user_name text not null,
        action text not null,
        document text,
        detail text not null default ''
      );
      create index audit_events_at on audit_events (at);
      create index audit_events_document on audit_events (document, id);
      -- The frozen state of a report at each approval (godkännande).
      create table report_approvals (
        id bigserial primary key,
        doc_name text not null,
        approved_by text not null,
        approved_at timestamptz not null default now(),
        state bytea not null,
        data jsonb not null
      );
      create index report_approvals_doc_name on report_approvals (doc_name, id);
      create index document_updates_created_at on document_updates (created_at);
    `,
  },
  {
    version: 3,
    description: 'archived departments, workspace settings',
    sql: `
      alter table departments add column archived_at timestamptz;
      -- Two active departments never share a number (an archived one may keep a reused number).
      create unique index departments_active_number on departments (number) where archived_at is null;
      -- One row (id 1): the municipality the workspace belongs to.
      create table workspace_settings (
        id integer primary key default 1 check (id = 1),
        municipality text not null,
        kolada_municipality_id text not null,
        demo boolean not null default false,
        updated_at timestamptz not null default now()
      );
    `,
  },
  {
    version: 4,
    description: 'reporting calendars per year',
    sql: `
      -- The administrator's reporting calendar (rapporteringskalender) of a year, as the
      -- domain's reportingCalendar JSON. A year without a row uses the default calendar.
      create table reporting_calendars (
        year integer primary key,
        calendar jsonb not null,
        updated_at timestamptz not null default now()
      );
    `,
  },
  {
    version: 5,
    description: 'user e-mail addresses and reminder choices, the mail log',
    sql: `
      alter table users add column email text;
      alter table users add column reminder_mode text not null default 'each'
        check (reminder_mode in ('each', 'digest', 'none'));
      -- Every reminder e-mail, keyed so it goes out at most once: the row is inserted before the
      -- message is sent (on conflict do nothing: only the inserting process sends), then gets
      -- sent_at or the error.
      create table mail_log (
        key text primary key,
        kind text not null,
        user_id text,
        recipient text not null,
        redirected_to text,
        subject text not null,
        created_at timestamptz not null default now(),
        sent_at timestamptz,
        error text
      );
      create index mail_log_created_at on mail_log (created_at);
    `,
  },
  {
    version: 6,
    description: 'single sign-on identities of users, the mapping of provider groups to roles',
    sql: `
      -- A user created by single sign-on: the ID token's iss and sub (sub is unique per issuer).
      -- Such a user's password_hash is empty, which no password matches.
      alter table users add column oidc_issuer text;
      alter table users add column oidc_subject text;
      create unique index users_oidc_identity on users (oidc_issuer, oidc_subject)
        where oidc_subject is not null;
      -- The administrator's mapping: members of group_id get this role (and department).
      create table sso_group_mappings (
        group_id text primary key,
        label text not null default '',
        role text not null check (role in ('admin', 'kommunchef', 'avdelningschef', 'lasare')),
        department_id text references departments (id),
        updated_at timestamptz not null default now()
      );
    `,
  },
  {
    version: 7,
    description: 'the product version that last opened the store',
    sql: `
      -- One row (id 1): the newest Följsam version that opened this store. An older version
      -- refuses to start on it (migrations.ts, StoreTooNewError).
      create table product_version (
        id integer primary key default 1 check (id = 1),
        version text not null,
        opened_at timestamptz not null default now()
      );
    `,
  },
];

/** The schema versions this code knows: a store holding any other was written by a newer one. */
const KNOWN_VERSIONS = new Set(migrations.map((migration) => migration.version));

/**
 * The store was written by a newer Följsam than this one (a schema version this code does not
 * know, or a newer recorded product version). Nothing was changed in it; the message says
 * which versions met and what to do.
 */
export class StoreTooNewError extends Error {
  constructor(
    /** The product version the store recorded (undefined if it recorded none this code can read). */
    readonly storeVersion: string | undefined,
    /** Schema versions in the store that this code does not know. */
    readonly unknownMigrations: readonly number[],
    readonly productVersion: string,
  ) {
    const writtenBy = storeVersion ? `Följsam ${storeVersion}` : 'a newer Följsam';
    const schema =
      unknownMigrations.length > 0
        ? ` (it holds schema version ${unknownMigrations.join(', ')}; this version knows up to ${Math.max(...KNOWN_VERSIONS)})`
        : '';
    super(
      `This store was last opened by ${writtenBy}${schema}, and this is Följsam ${productVersion}. ` +
        'An older version must not run on a newer store: install ' +
        `${storeVersion ? `Följsam ${storeVersion} or newer` : 'the newer version again'}, ` +
        'or restore the backup taken before the upgrade (docs/backup.md, docs/upgrades.md).',
    );
    this.name = 'StoreTooNewError';
  }
}

/**
 * Brings the schema up to the newest version and records `productVersion` as the one that
 * opened the store; returns the versions it applied. Throws {@link StoreTooNewError}, before
 * changing anything, if a newer version wrote the store.
 */
export async function migrate(db: SqlClient, productVersion: string = PRODUCT_VERSION): Promise<number[]> {
  await db.exec(`create table if not exists schema_migrations (
    version integer primary key,
    description text not null,
    applied_at timestamptz not null default now()
  )`);
  const { rows } = await db.query<{ version: number }>('select version from schema_migrations');
  const applied = new Set(rows.map((row) => Number(row.version)));
  const unknown = [...applied].filter((version) => !KNOWN_VERSIONS.has(version)).sort((a, b) => a - b);
  const recorded = await recordedProductVersion(db);
  if (unknown.length > 0 || (recorded !== undefined && semver.gt(recorded, productVersion))) {
    throw new StoreTooNewError(recorded, unknown, productVersion);
  }
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await db.transaction(async (tx) => {
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, description) values ($1, $2)', [
        migration.version,
        migration.description,
      ]);
    });
    done.push(migration.version);
  }
  if (recorded !== productVersion) {
    await db.query(
      `insert into product_version (id, version) values (1, $1)
       on conflict (id) do update set version = excluded.version, opened_at = now()`,
      [productVersion],
    );
  }
  return done;
}

/**
 * The product version the store recorded, if it has the table (migration 7) and a valid
 * semantic version in it. A newer schema may have changed the table: then there is none to read.
 */
async function recordedProductVersion(db: SqlClient): Promise<string | undefined> {
  const { rows: table } = await db.query<{ exists: boolean }>(
    `select to_regclass('product_version') is not null as exists`,
  );
  if (!table[0]?.exists) return undefined;
  try {
    const { rows } = await db.query<{ version: string }>('select version from product_version where id = 1');
    return semver.valid(rows[0]?.version ?? null) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Splits a migration into statements; migrations contain no semicolons inside strings. */
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((statement) => statement.replace(/--[^\n]*/g, '').trim())
    .filter((statement) => statement.length > 0);
}
