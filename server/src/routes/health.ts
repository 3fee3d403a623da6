/** `GET /api/health`: liveness, whether the storage answers, and the product version. */
import { Hono } from 'hono';
import type { Store } from '../store/types';
import type { DocumentRegistry } from '../sync/DocumentRegistry';
import { PRODUCT_VERSION } from '../version';

export function healthRoutes(store: Store, registry: DocumentRegistry) {
  return new Hono().get('/', async (c) => {
    try {
      await store.ping();
      return c.json({
        status: 'ok' as const,
        version: PRODUCT_VERSION,
        storage: store.kind,
        documentsLoaded: registry.size,
      });
    } catch {
      return c.json(
        {
          status: 'unavailable' as const,
          version: PRODUCT_VERSION,
          storage: store.kind,
          documentsLoaded: registry.size,
        },
        503,
      );
    }
  });
}
