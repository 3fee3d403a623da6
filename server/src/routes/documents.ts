/**
 * `GET /api/documents/:docName/access`: what the signed-in user may do with a document, so
 * the client can show it read-only before anyone types. The websocket enforces the same rule.
 */
import { parseDocumentName } from '@foljsam/domain';
import { Hono } from 'hono';
import { type AuthEnv, requireSession } from '../auth/middleware';
import { accessTo } from '../auth/permissions';
import type { SessionService } from '../auth/sessions';

export function documentRoutes(sessions: SessionService) {
  return new Hono<AuthEnv>().get('/:docName/access', requireSession(sessions), (c) => {
    const ref = parseDocumentName(c.req.param('docName'));
    if (!ref) return c.json({ error: 'no such document' }, 404);
    return c.json(accessTo(c.get('user'), ref), 200);
  });
}
