/**
 * The mapping of identity provider groups to roles and departments (admin only; docs/sso.md):
 *
 * - `GET /api/sso-groups` → `{ mappings }`, by group id.
 * - `PUT /api/sso-groups` `{ groupId, label, role, departmentId }` creates or replaces a
 *   group's mapping (a department for an avdelningschef only, as for users).
 * - `DELETE /api/sso-groups` `{ groupId }` removes it (404 if it had none).
 *
 * Group ids travel in the body, not the path: some providers name groups with slashes
 * (`/kommun/ekonomi`). A change applies at each member's next sign-in. Every change is in the
 * audit log (`sso-group-changed`, document `sso-group:<group id>`).
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import type { Store } from '../store/types';
import { departmentProblem } from './users';
import { validate } from './validation';

const groupId = z
  .string()
  .trim()
  .min(1, 'a group id is required')
  .max(256)
  .refine((id) => !id.includes('\u0000'), 'a group id cannot contain NUL');

export const ssoGroupBody = z
  .object({
    groupId,
    label: z
      .string()
      .trim()
      .max(200)
      .refine((label) => !label.includes('\u0000'), 'a label cannot contain NUL')
      .default(''),
    role: z.enum(['admin', 'kommunchef', 'avdelningschef', 'lasare']),
    departmentId: z.string().min(1).max(64).nullable().default(null),
  })
  .strict();

export interface SsoGroupRouteDeps {
  store: Store;
  sessions: SessionService;
}

export function ssoGroupRoutes({ store, sessions }: SsoGroupRouteDeps) {
  const adminOnly = createMiddleware<AuthEnv>(async (c, next) => {
    if (c.get('user').role !== 'admin') {
      return c.json({ error: 'only an administrator maps single sign-on groups' }, 403);
    }
    await next();
  });
  return new Hono<AuthEnv>()
    .use('*', requireSession(sessions), adminOnly)
    .get('/', async (c) => c.json({ mappings: await store.ssoGroups.list() }, 200))
    .put('/', validate('json', ssoGroupBody), async (c) => {
      const mapping = c.req.valid('json');
      const problem = await departmentProblem(store, mapping.role, mapping.departmentId);
      if (problem) return c.json({ error: problem }, 400);
      await store.ssoGroups.save(mapping);
      const actor = c.get('user');
      await store.audit.append({
        userId: actor.id,
        userName: actor.displayName,
        action: 'sso-group-changed',
        document: `sso-group:${mapping.groupId}`,
        detail: `${mapping.role}${mapping.departmentId ? ` ${mapping.departmentId}` : ''}${mapping.label ? ` (${mapping.label})` : ''}`,
      });
      return c.json({ mapping }, 200);
    })
    .delete('/', validate('json', z.object({ groupId }).strict()), async (c) => {
      const { groupId: id } = c.req.valid('json');
      if (!(await store.ssoGroups.remove(id))) return c.json({ error: 'no mapping for that group' }, 404);
      const actor = c.get('user');
      await store.audit.append({
        userId: actor.id,
        userName: actor.displayName,
        action: 'sso-group-changed',
        document: `sso-group:${id}`,
        detail: 'removed',
      });
      return c.json({ ok: true as const }, 200);
    });
}
