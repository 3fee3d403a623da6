/**
 * `GET /api/departments`: the departments with their ids. Public, like the municipality's
 * organisation chart: the sign-in page and external tools need it before a session exists.
 */
import { Hono } from 'hono';
import type { Store } from '../store/types';

export function departmentRoutes(store: Store) {
  return new Hono().get('/', async (c) => c.json({ departments: await store.departments.list() }, 200));
}
