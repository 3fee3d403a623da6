/**
 * `pnpm admin <command>`: the first run and user administration from the command line, on the
 * store the server would use (the same environment: DATA_DIR or DATABASE_URL).
 *
 *   pnpm admin init --municipality "Ale kommun" --kolada-id 1440 --username anna --name "Anna Andersson"
 *   pnpm admin list-users
 *   pnpm admin add-user --username anna --name "Anna A" --role avdelningschef --department hr --password ...
 *   pnpm admin reset-password --username anna --password ...
 *   pnpm admin set-role --username anna --role kommunchef [--department hr]
 *   pnpm admin revoke-sessions --username anna
 *   pnpm admin map-group --group <group id> --role admin [--department hr] [--label "Följsam admins"]
 *   pnpm admin list-groups
 *   pnpm admin backup /var/backups/foljsam/foljsam-2026-12-07.jsonl.gz
 *   pnpm admin restore /var/backups/foljsam/foljsam-2026-12-07.jsonl.gz [--force]
 *
 * `map-group` is how the first administrator gets in when LOCAL_PASSWORDS=off: map their
 * identity provider group to `admin` here, then sign in with single sign-on (docs/sso.md).
 *
 * With the embedded store (PGlite) the server must be stopped first: one process per data dir.
 * Except for `backup`, which asks a running server for the backup over its socket in the data
 * dir (backup/backupSocket.ts). See docs/backup.md.
 * Sessions revoked here end at once for REST; a running PostgreSQL-backed server is told and
 * closes the user's websockets (4401; 4403 after set-role).
 */
import {
  closeSync,
  createReadStream,
  createWriteStream,
  existsSync,
  fsyncSync,
  openSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { hashPassword } from '../auth/passwords';
import { BackupFileError, type BackupSummary, verifyBackup, writeBackup } from '../backup/backupFile';
import { NoBackupSocketError, requestBackup } from '../backup/backupSocket';
import { CURRENT_SCHEMA_VERSION, RestoreRefusedError, restoreBackup } from '../backup/restore';
import { type Config, ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { ssoGroupBody } from '../routes/ssoGroups';
import { departmentProblem, newUserBody, userPatchBody } from '../routes/users';
import { openStore } from '../server';
import { DataDirLockedError } from '../store/pglite/dataDirLock';
import { StoreTooNewError } from '../store/sql/migrations';
import { type SessionEndReason, type Store, SYSTEM_USER_ID, type UserRecord } from '../store/types';

const USAGE = `usage: pnpm admin <command> [options]
  init --municipality <name> --kolada-id <four digits> --username <u> --name <display name>
      (an empty store only; the password is asked for, or read from the first line of stdin)
  list-users
  add-user --username <u> --name <display name> --role <admin|kommunchef|avdelningschef|lasare> [--department <id>] --password <p>
  reset-password --username <u> --password <p>
  set-role --username <u> --role <role> [--department <id>]
  revoke-sessions --username <u>
  map-group --group <id> --role <role> [--department <id>] [--label <text>]
      (single sign-on: members of the group get the role at their next sign-in)
  list-groups
  backup <file>
      (a gzip'd dump of the whole store; with the embedded store also while the server runs)
  restore <file> [--force]
      (into an empty store, servers stopped; --force replaces everything in a store that is not empty)`;

class UsageError extends Error {}

/**
 * Ends every session of a user. A PostgreSQL-backed server also hears of it (the store's
 * fan-out; sent before the store closes) and closes that user's open websockets.
 */
async function endSessionsOf(store: Store, userId: string, reason?: SessionEndReason): Promise<number> {
  const count = await store.sessions.deleteForUser(userId);
  store.fanout?.publishSessionsEnded(reason ? { userId, reason } : { userId });
  return count;
}

const ACTOR = { userId: SYSTEM_USER_ID, userName: 'pnpm admin' };

async function userNamed(store: Store, username: string | undefined): Promise<UserRecord> {
  if (!username) throw new UsageError('--username is required');
  const found = await store.users.findByUsername(username);
  if (!found) throw new UsageError(`no user ${username}`);
  const { passwordHash: _hash, ...user } = found;
  return user;
}

async function departmentCheck(
  store: Store,
  role: UserRecord['role'],
  department: string | null,
  current?: UserRecord,
): Promise<void> {
  const problem = await departmentProblem(store, role, department, current);
  if (problem) throw new UsageError(problem);
}

const municipalityName = z
  .string({ error: 'is required' })
  .trim()
  .min(1, 'is required')
  .max(200)
  .refine((name) => !name.includes('\u0000'), 'cannot contain NUL');
const koladaId = z
  .string({ error: 'is required' })
  .regex(/^\d{4}$/, 'a four-digit Kolada municipality id, e.g. 1440');

/**
 * Reads one line from a terminal without echoing it. Ctrl-C cancels.
 */
async function promptHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const prompt = createInterface({ input: process.stdin, output, terminal: true });
  try {
    process.stderr.write(question);
    muted = true;
    return await new Promise<string>((resolve, reject) => {
      prompt.on('SIGINT', () => reject(new UsageError('cancelled; nothing was created')));
      // The terminal closed before a line came: no answer will come.
      prompt.on('close', () => reject(new UsageError('no password given; nothing was created')));
      prompt.question('', resolve);
    });
  } finally {
    muted = false;
    prompt.close();
    process.stderr.write('\n');
  }
}

/** The first line of stdin (a password piped in or from a file); rejects when there is none. */
async function firstLineOfStdin(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const line of lines) return line;
  } finally {
    lines.close();
  }
  throw new UsageError('no password on stdin: pipe it in as the first line, or run init in a terminal');
}

/**
 * The first administrator's password: asked twice, hidden, on a terminal; otherwise the first
 * line of stdin. Never from the command line, where it would stay in the shell's history and
 * in the process list.
 */
async function readNewPassword(): Promise<string> {
  if (!process.stdin.isTTY) return firstLineOfStdin();
  const first = await promptHidden('Password for the administrator (at least 8 characters): ');
  const second = await promptHidden('The same password again: ');
  if (first !== second) throw new UsageError('the two passwords differ; nothing was created');
  return first;
}

/** `init`: the municipality and its first administrator, on an empty store only. */
async function init(store: Store, values: Record<string, string | undefined>): Promise<void> {
  if (values.password !== undefined) {
    throw new UsageError(
      'init never takes --password: it asks for the password (or reads the first line of stdin)',
    );
  }
  const issues: string[] = [];
  const municipality = municipalityName.safeParse(values.municipality);
  if (!municipality.success) issues.push(`--municipality: ${municipality.error.issues[0]?.message}`);
  const kolada = koladaId.safeParse(values['kolada-id']);
  if (!kolada.success) issues.push(`--kolada-id: ${kolada.error.issues[0]?.message}`);
  const administrator = newUserBody.omit({ password: true }).safeParse({
    username: values.username,
    displayName: values.name,
    role: 'admin',
    departmentId: null,
  });
  if (!administrator.success) {
    const flag = { username: '--username', displayName: '--name' } as Record<string, string>;
    for (const issue of administrator.error.issues) {
      const key = String(issue.path[0]);
      issues.push(`${flag[key] ?? key}: ${issue.message}`);
    }
  }
  if (issues.length > 0 || !municipality.success || !kolada.success || !administrator.success) {
    throw new UsageError(issues.join('\n'));
  }
  // Checked before the password is asked for, and again under the lock before anything is written.
  const refuseIfUsed = async () => {
    if ((await store.users.count()) > 0) {
      throw new UsageError(
        'this store already has users: init is for a first run only (use add-user, set-role, reset-password)',
      );
    }
  };
  await refuseIfUsed();
  const password = newUserBody.shape.password.safeParse(await readNewPassword());
  if (!password.success) throw new UsageError(`password: ${password.error.issues[0]?.message}`);
  const passwordHash = await hashPassword(password.data);
  const user = await store.startupLock(async () => {
    await refuseIfUsed();
    await store.workspace.save({
      municipality: municipality.data,
      koladaMunicipalityId: kolada.data,
      demo: false,
    });
    return store.users.create({ ...administrator.data, passwordHash });
  });
  await store.audit.append({
    ...ACTOR,
    action: 'user-created',
    document: `user:${user.username}`,
    detail: `${user.role} (pnpm admin init, ${municipality.data} ${kolada.data})`,
  });
  console.log(
    `${municipality.data} (Kolada ${kolada.data}) is set up; ${user.username} is its first administrator`,
  );
}

async function run(store: Store, command: string | undefined, values: Record<string, string | undefined>) {
  switch (command) {
    case 'init':
      return init(store, values);
    case 'list-users': {
      for (const user of await store.users.list()) {
        const flags = [user.role, user.departmentId, user.disabled ? 'disabled' : null].filter(Boolean);
        console.log(`${user.username}\t${user.displayName}\t${flags.join(' ')}`);
      }
      return;
    }
    case 'add-user': {
      const parsed = newUserBody.safeParse({
        username: values.username,
        displayName: values.name,
        role: values.role,
        departmentId: values.department ?? null,
        password: values.password,
      });
      if (!parsed.success)
        throw new UsageError(parsed.error.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      const { password, ...fields } = parsed.data;
      await departmentCheck(store, fields.role, fields.departmentId);
      if (await store.users.findByUsername(fields.username))
        throw new UsageError(`the username ${fields.username} is taken`);
      const user = await store.users.create({ ...fields, passwordHash: await hashPassword(password) });
      await store.audit.append({
        ...ACTOR,
        action: 'user-created',
        document: `user:${user.username}`,
        detail: user.role,
      });
      console.log(`created ${user.username} (${user.role})`);
      return;
    }
    case 'reset-password': {
      const user = await userNamed(store, values.username);
      const parsed = newUserBody.shape.password.safeParse(values.password);
      if (!parsed.success) throw new UsageError(`--password: ${parsed.error.issues[0]?.message}`);
      await store.users.setPasswordHash(user.id, await hashPassword(parsed.data));
      await endSessionsOf(store, user.id);
      await store.audit.append({
        ...ACTOR,
        action: 'password-reset',
        document: `user:${user.username}`,
        detail: '',
      });
      console.log(`new password set for ${user.username}; their sessions ended`);
      return;
    }
    case 'set-role': {
      const user = await userNamed(store, values.username);
      const patch = userPatchBody.safeParse({ role: values.role, departmentId: values.department ?? null });
      if (!patch.success) throw new UsageError(patch.error.issues.map((i) => i.message).join('\n'));
      const role = patch.data.role ?? user.role;
      await departmentCheck(store, role, patch.data.departmentId ?? null, user);
      await store.users.update(user.id, { role, departmentId: patch.data.departmentId ?? null });
      await endSessionsOf(store, user.id, 'role-changed');
      await store.audit.append({
        ...ACTOR,
        action: 'user-changed',
        document: `user:${user.username}`,
        detail: `role: ${user.role} → ${role}; departmentId: ${user.departmentId} → ${patch.data.departmentId ?? null}`,
      });
      console.log(`${user.username} is now ${role}; their sessions ended`);
      return;
    }
    case 'revoke-sessions': {
      const user = await userNamed(store, values.username);
      const count = await endSessionsOf(store, user.id);
      await store.audit.append({
        ...ACTOR,
        action: 'sessions-revoked',
        document: `user:${user.username}`,
        detail: `${count} sessions`,
      });
      console.log(`ended ${count} sessions of ${user.username}`);
      return;
    }
    case 'map-group': {
      const parsed = ssoGroupBody.safeParse({
        groupId: values.group,
        label: values.label,
        role: values.role,
        departmentId: values.department ?? null,
      });
      if (!parsed.success)
        throw new UsageError(parsed.error.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
      await departmentCheck(store, parsed.data.role, parsed.data.departmentId);
      await store.ssoGroups.save(parsed.data);
      const { groupId, role, departmentId } = parsed.data;
      await store.audit.append({
        ...ACTOR,
        action: 'sso-group-changed',
        document: `sso-group:${groupId}`,
        detail: `${role}${departmentId ? ` ${departmentId}` : ''}`,
      });
      console.log(`members of ${groupId} sign in as ${role}${departmentId ? ` of ${departmentId}` : ''}`);
      return;
    }
    case 'list-groups': {
      for (const mapping of await store.ssoGroups.list()) {
        const fields = [mapping.role, mapping.departmentId, mapping.label].filter(Boolean);
        console.log(`${mapping.groupId}\t${fields.join('\t')}`);
      }
      return;
    }
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command');
  }
}

/** A path as the operator meant it: relative to where they ran `pnpm admin`, not to server/. */
const fromInvocation = (file: string): string => resolve(process.env.INIT_CWD ?? process.cwd(), file);

function describeSummary({ header, rows }: BackupSummary): string {
  return (
    `${rows.documents} documents (${rows.document_updates} updates), ${rows.users} users, ` +
    `${rows.departments} departments, ${rows.audit_events} audit events, ${rows.report_approvals} approvals, ` +
    `${rows.mail_log} mail log entries; Följsam ${header.productVersion ?? '(unknown)'}, schema version ${header.schemaVersion}, taken ${header.createdAt} from ${header.store}`
  );
}

/**
 * `backup <file>`: written beside the file, read back whole, fsync'd, then renamed into place,
 * so `file` is only ever a complete backup. The embedded store's running server is asked for
 * it over its socket.
 */
async function backup(config: Config, file: string): Promise<void> {
  const target = fromInvocation(file);
  const partial = `${target}.partial-${process.pid}`;
  try {
    let store: Store | null = null;
    try {
      store = await openStore(config, createLogger('silent'));
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      console.error(`the server (pid ${error.ownerPid}) holds ${config.dataDir}: asking it for the backup`);
    }
    if (store) {
      try {
        await writeBackup(store, createWriteStream(partial));
      } finally {
        await store.close();
      }
    } else {
      await requestBackup(config.dataDir, createWriteStream(partial));
    }
    const summary = await verifyBackup(createReadStream(partial), CURRENT_SCHEMA_VERSION);
    const fd = openSync(partial, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(partial, target);
    console.log(`backed up to ${target}: ${describeSummary(summary)}`);
  } finally {
    rmSync(partial, { force: true });
  }
}

/** `restore <file> [--force]`: see backup/restore.ts. */
async function restore(config: Config, file: string, force: boolean): Promise<void> {
  const source = fromInvocation(file);
  if (!existsSync(source)) throw new UsageError(`no file ${source}`);
  const store = await openStore(config, createLogger('silent'));
  try {
    const summary = await restoreBackup(store, createReadStream(source), { force });
    console.log(
      `restored ${source}: ${describeSummary(summary)}. Everyone signs in again; see docs/backup.md for browsers with unsent changes.`,
    );
  } finally {
    await store.close();
  }
}

/** Exit code 1 and the message for what backup and restore refuse or cannot do. */
function backupProblem(error: unknown): string | null {
  if (
    error instanceof BackupFileError ||
    error instanceof RestoreRefusedError ||
    error instanceof NoBackupSocketError
  ) {
    return error.message;
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return (error as Error).message;
  return null;
}

const OPTIONS = {
  municipality: { type: 'string' },
  'kolada-id': { type: 'string' },
  username: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  department: { type: 'string' },
  password: { type: 'string' },
  group: { type: 'string' },
  label: { type: 'string' },
  force: { type: 'boolean' },
} as const;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const COMMANDS = [
    'init',
    'list-users',
    'add-user',
    'reset-password',
    'set-role',
    'revoke-sessions',
    'map-group',
    'list-groups',
    'backup',
    'restore',
  ];
  const command = parsed.positionals[0];
  if (!command || !COMMANDS.includes(command)) {
    console.error(`${command ? `unknown command ${command}` : 'no command'}\n${USAGE}`);
    return 2;
  }
  if (command === 'backup' || command === 'restore') {
    const file = parsed.positionals[1];
    if (!file || parsed.positionals.length > 2) {
      console.error(`${command} takes one file\n${USAGE}`);
      return 2;
    }
    try {
      const config = loadConfig();
      if (command === 'backup') await backup(config, file);
      else await restore(config, file, parsed.values.force === true);
      return 0;
    } catch (error) {
      if (error instanceof DataDirLockedError) {
        console.error(
          `${error.message}\nStop the running server first: a restore replaces its database under it.`,
        );
        return 2;
      }
      if (error instanceof ConfigError || error instanceof UsageError) {
        console.error(error.message);
        return 2;
      }
      const problem = backupProblem(error);
      if (problem === null) throw error;
      console.error(`${command} failed: ${problem}`);
      return 1;
    }
  }
  if (command === 'init' && parsed.values.password !== undefined) {
    console.error('init never takes --password: it asks for the password (or reads the first line of stdin)');
    return 2;
  }
  let store: Store;
  try {
    const config = loadConfig();
    store = await openStore(config, createLogger('silent'));
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(
        `${error.message}\nStop the running server first: the embedded database allows one process at a time.`,
      );
      return 2;
    }
    if (error instanceof ConfigError || error instanceof StoreTooNewError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  try {
    const { force: _force, ...values } = parsed.values;
    await run(store, command, values);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  } finally {
    await store.close();
  }
}

process.exitCode = await main();
