/**
 * The organisation's departments, as data an administrator keeps:
 *
 * - `GET /api/departments` → `{ departments }`, archived ones too (`archived`, `archivedAt`).
 *   Public, like the municipality's organisation chart: the sign-in page and external tools need
 *   it before a session exists.
 * - `POST /api/departments` (admin) `{ name, number, id? }` → 201 with the department. Without
 *   an id, one is made from the name (a slug, made unique: `hr`, `hr-2`).
 * - `PATCH /api/departments/:id` (admin) `{ name?, number?, archived? }` → the department.
 *
 * Two active departments never share a number (409); an archived one keeps its number, so a
 * reorganised department may reuse it. An archived department keeps its history and reports; it
 * is not offered for new work (users.ts refuses it for a new department head). Every change is
 * in the audit log (`department-created`, `department-changed`, document `department:<id>`).
 */
import { entityId } from '@foljsam/domain';
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { z } from 'zod';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import {
  type Department,
  DepartmentNumberTakenError,
  type DepartmentPatch,
  type Store,
} from '../store/types';
import { validate } from './validation';

const departmentName = z
  .string()
  .trim()
  .min(1, 'a department needs a name')
  .max(200)
  .refine((name) => !name.includes('\u0000'), 'a name cannot contain NUL');

/** A section number as the plan writes them: `8.1.4`. */
export const departmentNumber = z
  .string()
  .trim()
  .regex(/^\d{1,4}(\.\d{1,4}){0,5}$/, 'a department number is digits separated by dots, e.g. 8.1.4');

export const newDepartmentBody = z
  .object({ name: departmentName, number: departmentNumber, id: entityId.optional() })
  .strict();

export const departmentPatchBody = z
  .object({ name: departmentName, number: departmentNumber, archived: z.boolean() })
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');

const idParam = z.object({ id: entityId });

/** A department id made from its name: "Mark och exploatering" → `mark-och-exploatering`. */
export function departmentSlug(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
  return slug === '' ? 'avdelning' : slug;
}

/** The first of `base`, `base-2`, `base-3`, … that no department has. */
function uniqueId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** The active department other than `exceptId` that has `number`, if any. */
function numberHolder(departments: readonly Department[], number: string, exceptId?: string) {
  return departments.find((d) => !d.archived && d.number === number && d.id !== exceptId);
}

export function departmentRoutes(store: Store, sessions: SessionService) {
  const adminOnly = createMiddleware<AuthEnv>(async (c, next) => {
    if (c.get('user').role !== 'admin') {
      return c.json({ error: 'only an administrator manages departments' }, 403);
    }
    await next();
  });
  const signedIn = requireSession(sessions);

  return new Hono<AuthEnv>()
    .get('/', async (c) => c.json({ departments: await store.departments.list() }, 200))
    .post('/', signedIn, adminOnly, validate('json', newDepartmentBody), async (c) => {
      const body = c.req.valid('json');
      const departments = await store.departments.list();
      const holder = numberHolder(departments, body.number);
      if (holder) return c.json({ error: `${holder.name} already has number ${body.number}` }, 409);
      const taken = new Set(departments.map((d) => d.id));
      if (body.id !== undefined && taken.has(body.id)) {
        return c.json({ error: `there is already a department ${body.id}` }, 409);
      }
      const id = body.id ?? uniqueId(departmentSlug(body.name), taken);
      let created: boolean;
      try {
        created = await store.departments.create({ id, number: body.number, name: body.name });
      } catch (error) {
        // Another administrator took the number since the check above (a taken id: create is false).
        if (error instanceof DepartmentNumberTakenError) return c.json({ error: error.message }, 409);
        throw error;
      }
      if (!created) return c.json({ error: `there is already a department ${id}` }, 409);
      const stored = (await store.departments.list()).find((d) => d.id === id) as Department;
      const actor = c.get('user');
      await store.audit.append({
        userId: actor.id,
        userName: actor.displayName,
        action: 'department-created',
        document: `department:${id}`,
        detail: `${stored.number} ${stored.name}`,
      });
      return c.json(stored, 201);
    })
    .patch(
      '/:id',
      signedIn,
      adminOnly,
      validate('param', idParam),
      validate('json', departmentPatchBody),
      async (c) => {
        const { id } = c.req.valid('param');
        const patch: DepartmentPatch = c.req.valid('json');
        const departments = await store.departments.list();
        const current = departments.find((d) => d.id === id);
        if (!current) return c.json({ error: `no department ${id}` }, 404);
        // An active department's number must be free; so must an archived one's when it is restored.
        const nextNumber = patch.number ?? current.number;
        const activeAfter = patch.archived === undefined ? !current.archived : !patch.archived;
        const holder = activeAfter ? numberHolder(departments, nextNumber, id) : undefined;
        if (holder) return c.json({ error: `${holder.name} already has number ${nextNumber}` }, 409);
        let updated: Department | null;
        try {
          updated = await store.departments.update(id, patch);
        } catch (error) {
          if (error instanceof DepartmentNumberTakenError) return c.json({ error: error.message }, 409);
          throw error;
        }
        if (!updated) return c.json({ error: `no department ${id}` }, 404);
        const after = updated;
        const changed = (['name', 'number', 'archived'] as const).filter(
          (key) => current[key] !== after[key],
        );
        if (changed.length > 0) {
          const actor = c.get('user');
          await store.audit.append({
            userId: actor.id,
            userName: actor.displayName,
            action: 'department-changed',
            document: `department:${id}`,
            detail: changed
              .map((key) => `${key}: ${JSON.stringify(current[key])} → ${JSON.stringify(after[key])}`)
              .join('; '),
          });
        }
        return c.json(updated, 200);
      },
    );
}
