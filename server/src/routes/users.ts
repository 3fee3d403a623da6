/**
 * User administration (admin only): `GET /api/users`, `POST /api/users`, `PATCH /api/users/:id`
 * (also the e-mail address reminders go to, and the reminder choice),
 * `POST /api/users/:id/password`, `POST /api/users/:id/sessions/revoke`. A change of role or
 * department, disabling and a new password end the user's sessions (and close their open
 * websockets with 4401, or 4403 when the role or department changed). Every change is recorded in the audit log.
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import { hashPassword } from '../auth/passwords';
import type { SessionService } from '../auth/sessions';
import type { Store, UserPatch, UserRecord } from '../store/types';
import { validate } from './validation';

export interface UserRouteDeps {
  store: Store;
  sessions: SessionService;
}

const role = z.enum(['admin', 'kommunchef', 'avdelningschef', 'lasare']);
const password = z.string().min(8, 'a password needs at least 8 characters').max(1000);
const displayName = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .refine((name) => !name.includes('\u0000'), 'a name cannot contain NUL');
const departmentId = z.string().min(1).max(64).nullable();
/** Where reminders go; null (or an empty string) removes it. */
const email = z.union([
  z.literal('').transform(() => null),
  z.email('not an e-mail address').max(254),
  z.null(),
]);

export const newUserBody = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'a username is 2–64 lower-case letters, digits, ".", "_" or "-"'),
  displayName,
  role,
  departmentId: departmentId.default(null),
  email: z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), email).default(null),
  password,
});

export const userPatchBody = z
  .object({
    displayName,
    role,
    departmentId,
    disabled: z.boolean(),
    email: z.preprocess((value) => (typeof value === 'string' ? value.trim() : value), email),
    reminderMode: z.enum(['each', 'digest', 'none']),
  })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');

// User ids are UUIDs; anything outside this form (a NUL, a control character, a slash) is no
// user's and must not reach the database, where a NUL fails the query itself.
const idParam = z.object({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, 'a user id is letters, digits, ".", "_" or "-"'),
});

/**
 * A department head belongs to a department; nobody else does. A department head's department
 * must exist and, unless the user already belongs to it (`current`), be active: an archived
 * department is not offered for new work.
 */
export async function departmentProblem(
  store: Store,
  roleValue: UserRecord['role'],
  department: string | null,
  current?: Pick<UserRecord, 'role' | 'departmentId'>,
): Promise<string | null> {
  if (roleValue !== 'avdelningschef')
    return department === null ? null : 'only a department head has a department';
  if (department === null) return 'a department head needs a department';
  const found = (await store.departments.list()).find((d) => d.id === department);
  if (!found) return `no department ${department}`;
  const unchanged = current?.role === roleValue && current.departmentId === department;
  return found.archived && !unchanged ? `the department ${found.name} is archived` : null;
}

export function userRoutes({ store, sessions }: UserRouteDeps) {
  const adminOnly = createMiddleware<AuthEnv>(async (c, next) => {
    if (c.get('user').role !== 'admin') return c.json({ error: 'only an administrator manages users' }, 403);
    await next();
  });
  const audit = (
    actor: { id: string; displayName: string },
    action: 'user-created' | 'user-changed' | 'password-reset' | 'sessions-revoked',
    target: UserRecord,
    detail: string,
  ) =>
    store.audit.append({
      userId: actor.id,
      userName: actor.displayName,
      action,
      document: `user:${target.username}`,
      detail,
    });

  return new Hono<AuthEnv>()
    .use('*', requireSession(sessions), adminOnly)
    .get('/', async (c) => c.json(await store.users.list(), 200))
    .post('/', validate('json', newUserBody), async (c) => {
      const body = c.req.valid('json');
      const problem = await departmentProblem(store, body.role, body.departmentId);
      if (problem) return c.json({ error: problem }, 400);
      if (await store.users.findByUsername(body.username)) {
        return c.json({ error: `the username ${body.username} is taken` }, 409);
      }
      const { password: plain, ...fields } = body;
      const created = await store.users.create({ ...fields, passwordHash: await hashPassword(plain) });
      const record = (await store.users.findById(created.id)) as UserRecord;
      await audit(
        c.get('user'),
        'user-created',
        record,
        `${record.role}${record.departmentId ? ` ${record.departmentId}` : ''}`,
      );
      return c.json(record, 201);
    })
    .patch('/:id', validate('param', idParam), validate('json', userPatchBody), async (c) => {
      const { id } = c.req.valid('param');
      const patch: UserPatch = c.req.valid('json');
      const current = await store.users.findById(id);
      if (!current) return c.json({ error: 'no such user' }, 404);
      const nextRole = patch.role ?? current.role;
      // A role that has no department drops it; a department head keeps theirs unless changed.
      const nextDepartment =
        patch.departmentId !== undefined
          ? patch.departmentId
          : nextRole === 'avdelningschef'
            ? current.departmentId
            : null;
      const problem = await departmentProblem(store, nextRole, nextDepartment, current);
      if (problem) return c.json({ error: problem }, 400);
      const updated = (await store.users.update(id, {
        ...patch,
        departmentId: nextDepartment,
      })) as UserRecord;
      const changed = (Object.keys(patch) as (keyof UserPatch)[]).filter(
        (key) => JSON.stringify(current[key]) !== JSON.stringify(updated[key]),
      );
      if (updated.departmentId !== current.departmentId && !changed.includes('departmentId'))
        changed.push('departmentId');
      const rightsChanged = updated.role !== current.role || updated.departmentId !== current.departmentId;
      const disabled = updated.disabled && !current.disabled;
      // A disabled user cannot sign in again: theirs is a plain end, not a role change.
      if (disabled) await sessions.revokeUser(id);
      else if (rightsChanged) await sessions.revokeUser(id, 'role-changed');
      await audit(
        c.get('user'),
        'user-changed',
        updated,
        changed
          .map((key) => `${key}: ${JSON.stringify(current[key])} → ${JSON.stringify(updated[key])}`)
          .join('; '),
      );
      return c.json(updated, 200);
    })
    .post(
      '/:id/password',
      validate('param', idParam),
      validate('json', z.object({ password })),
      async (c) => {
        const { id } = c.req.valid('param');
        const target = await store.users.findById(id);
        if (!target) return c.json({ error: 'no such user' }, 404);
        await store.users.setPasswordHash(id, await hashPassword(c.req.valid('json').password));
        await sessions.revokeUser(id);
        await audit(c.get('user'), 'password-reset', target, '');
        return c.body(null, 204);
      },
    )
    .post('/:id/sessions/revoke', validate('param', idParam), async (c) => {
      const { id } = c.req.valid('param');
      const target = await store.users.findById(id);
      if (!target) return c.json({ error: 'no such user' }, 404);
      const count = await sessions.revokeUser(id);
      await audit(c.get('user'), 'sessions-revoked', target, `${count} sessions`);
      return c.body(null, 204);
    });
}
