/**
 * `GET /api/workspace` (signed in): the municipality the workspace belongs to, as
 * `pnpm admin init` or the demo seed wrote it: `{ municipality, koladaMunicipalityId, demo }`.
 * Both are null in a store whose settings were never written (a data dir seeded before they
 * existed).
 */
import { Hono } from 'hono';
import { type AuthEnv, requireSession } from '../auth/middleware';
import type { SessionService } from '../auth/sessions';
import type { WorkspaceSettingsStore } from '../store/types';

export interface WorkspaceView {
  municipality: string | null;
  koladaMunicipalityId: string | null;
  demo: boolean;
}

export function workspaceRoutes(sessions: SessionService, workspace: WorkspaceSettingsStore) {
  return new Hono<AuthEnv>().get('/', requireSession(sessions), async (c) => {
    const settings = await workspace.get();
    const view: WorkspaceView = {
      municipality: settings?.municipality ?? null,
      koladaMunicipalityId: settings?.koladaMunicipalityId ?? null,
      demo: settings?.demo ?? false,
    };
    return c.json(view, 200);
  });
}
