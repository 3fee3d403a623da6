/**
 * `GET /api/documents/:docName/access`: what the signed-in user may do with a document, so
 * the client can show it read-only before anyone types. The websocket enforces the same rule.
 */
import { parseDocumentName, readReportStatus } from '@foljsam/domain';
import { Hono } from 'hono';
import { type AuthEnv, requireSession } from '../auth/middleware';
import { accessTo } from '../auth/permissions';
import type { SessionService } from '../auth/sessions';
import type { DocumentRegistry } from '../sync/DocumentRegistry';

export function documentRoutes(sessions: SessionService, registry: DocumentRegistry) {
  return new Hono<AuthEnv>().get('/:docName/access', requireSession(sessions), async (c) => {
    const docName = c.req.param('docName');
    const ref = parseDocumentName(docName);
    if (!ref) return c.json({ error: 'no such document' }, 404);
    // Only a report's rights depend on its content (approved or not).
    const approved =
      ref.kind === 'report' &&
      (await registry.use(docName, (document) => readReportStatus(document.doc) === 'godkand'));
    return c.json(accessTo(c.get('user'), ref, { approved }), 200);
  });
}
