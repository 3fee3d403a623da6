/**
 * The one size limit on request bodies. nginx in docs/deploy.md (`client_max_body_size 5m`)
 * and the import screen's message say the same size: a file the server would take must not be
 * stopped earlier by the proxy, and nobody may make the server read more than this.
 */
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** The largest request body the server reads (5 MiB): an import file or a saved Kolada response. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/** The upload routes, which answer their own 413 (at the same size) in their own shape. */
const UPLOAD_ROUTES = /^\/api\/(import\/|kolada\/import$)/;

/** {@link MAX_UPLOAD_BYTES} on every other API request: JSON bodies far smaller than it. */
export function apiBodyLimit(): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: MAX_UPLOAD_BYTES,
    onError: (c) => c.json({ error: 'the request body is larger than 5 MB', code: 'tooLarge' }, 413),
  });
  return (c, next) => (UPLOAD_ROUTES.test(c.req.path) ? next() : limit(c, next));
}
