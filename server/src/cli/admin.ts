/**
 * `pnpm admin <command>`: user administration from the command line, on the store the server
 * would use (the same environment: DATA_DIR or DATABASE_URL).
 *
 *   pnpm admin list-users
 *   pnpm admin add-user --username anna --name "Anna A" --role avdelningschef --department hr --password ...
 *   pnpm admin reset-password --username anna --password ...
 *   pnpm admin set-role --username anna --role kommunchef [--department hr]
 *   pnpm admin revoke-sessions --username anna
 *
 * With the embedded store (PGlite) the server must be stopped first: one process per data dir.
 * Sessions revoked here end at once for REST; a running PostgreSQL-backed server is told and
 * closes the user's websockets (4401).
 */
import { parseArgs } from 'node:util';
import { hashPassword } from '../auth/passwords';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { newUserBody, userPatchBody } from '../routes/users';
import { openStore } from '../server';
import { DataDirLockedError } from '../store/pglite/dataDirLock';
import { type Store, SYSTEM_USER_ID, type UserRecord } from '../store/types';

const USAGE = `usage: pnpm admin <command> [options]
  list-users
  add-user --username <u> --name <display name> --role <admin|kommunchef|avdelningschef|lasare> [--department <id>] --password <p>
  reset-password --username <u> --password <p>
  set-role --username <u> --role <role> [--department <id>]
  revoke-sessions --username <u>`;

class UsageError extends Error {}

/**
 * Ends every session of a user. A PostgreSQL-backed server also hears of it (the store's
 * fan-out; sent before the store closes) and closes that user's open websockets.
 */
async function endSessionsOf(store: Store, userId: string): Promise<number> {
  const count = await store.sessions.deleteForUser(userId);
  store.fanout?.publishSessionsEnded({ userId });
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

async function departmentCheck(store: Store, role: string, department: string | null): Promise<void> {
  if (role !== 'avdelningschef') {
    if (department) throw new UsageError('only a department head (avdelningschef) has a department');
    return;
  }
  if (!department) throw new UsageError('a department head needs --department');
  if (!(await store.departments.list()).some((d) => d.id === department)) {
    throw new UsageError(`no department ${department}`);
  }
}

async function run(store: Store, command: string | undefined, values: Record<string, string | undefined>) {
  switch (command) {
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
      await departmentCheck(store, role, patch.data.departmentId ?? null);
      await store.users.update(user.id, { role, departmentId: patch.data.departmentId ?? null });
      await endSessionsOf(store, user.id);
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
    default:
      throw new UsageError(command ? `unknown command ${command}` : 'no command');
  }
}

const OPTIONS = {
  username: { type: 'string' },
  name: { type: 'string' },
  role: { type: 'string' },
  department: { type: 'string' },
  password: { type: 'string' },
} as const;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ options: OPTIONS, allowPositionals: true });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const COMMANDS = ['list-users', 'add-user', 'reset-password', 'set-role', 'revoke-sessions'];
  const command = parsed.positionals[0];
  if (!command || !COMMANDS.includes(command)) {
    console.error(`${command ? `unknown command ${command}` : 'no command'}\n${USAGE}`);
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
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  try {
    await run(store, command, parsed.values);
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
