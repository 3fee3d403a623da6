/** `GET /api/health`: liveness and whether the storage answers. */
import { Hono } from 'hono';
import type { Store } from '../store/types';
import type { DocumentRegistry } from '../sync/DocumentRegistry';

export function healthRoutes(store: Store, registry: DocumentRegistry) {
  return new Hono().get('/', async (c) => {
    try {
      await store.ping();
      return c.json({ status: 'ok' as const, storage: store.kind, documentsLoaded: registry.size });
    } catch {
      return c.json(
        { status: 'unavailable' as const, storage: store.kind, documentsLoaded: registry.size },
        503,
      );
    }
  });
}
