/**
 * The production output, started as docs/deploy.md says: `node` on the built server of a
 * production install (`pnpm deploy --prod`: `dist/` and production dependencies only, with the
 * built client beside it), no tsx, no dev dependencies, no demo. `node dist/admin.js init` on an
 * empty data dir, then the server: health, the client, a REST sign-in, a document synced over a
 * websocket by two stock y-websocket clients, a clean stop on SIGTERM, and the change still there
 * after a restart. Run by scripts/smoke-production.sh, which makes the install and names it in
 * FOLJSAM_PRODUCTION_APP.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planDocumentName, readPlan, setPlanMeta } from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { FIRST_ADMIN, type FirstRunStore, runAdminInit, startProductionServer } from '../support/firstRun';
import type { ServerProcess } from '../support/serverProcess';
import { connectClient, waitFor, type YClient } from '../support/yClient';

const appDir = process.env.FOLJSAM_PRODUCTION_APP;
if (!appDir) {
  throw new Error('FOLJSAM_PRODUCTION_APP must name a production install: run scripts/smoke-production.sh');
}
const serverDir = join(appDir, 'server');
const YEAR = 2027;
const MISSION = 'Följsam i produktion: ett röktest';

describe('the production install', () => {
  const store: FirstRunStore = { dataDir: mkdtempSync(join(tmpdir(), 'foljsam-smoke-data-')), env: {} };
  let server: ServerProcess;
  let token: string;
  const clients: YClient[] = [];
  const open = async (url: string) => {
    const client = connectClient(url, planDocumentName(YEAR), token);
    clients.push(client);
    await client.synced;
    return client;
  };

  beforeAll(async () => {
    const init = await runAdminInit(store, FIRST_ADMIN, serverDir);
    if (init.code !== 0) throw new Error(`node dist/admin.js init failed (${init.code}):\n${init.err}`);
    server = await startProductionServer(store, { LOG_LEVEL: 'info' }, 0, serverDir);
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.kill('SIGKILL');
    rmSync(store.dataDir, { recursive: true, force: true });
  });

  it('holds the built server and production dependencies only', () => {
    expect(existsSync(join(serverDir, 'dist/main.js'))).toBe(true);
    expect(existsSync(join(appDir, 'client/dist/index.html'))).toBe(true);
    for (const devOnly of ['tsx', 'typescript', 'vitest', 'esbuild', 'y-websocket', 'ws', '@types/node']) {
      expect(existsSync(join(serverDir, 'node_modules', devOnly)), devOnly).toBe(false);
    }
    expect(existsSync(join(serverDir, 'src')), 'the TypeScript sources').toBe(false);
  });

  it('answers its health check and metrics, and serves the client', async () => {
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', storage: 'pglite' });
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const metrics = await fetch(`${server.url}/metrics`);
    expect(await metrics.text()).toContain('foljsam_connections');
  });

  it('signs the first administrator in over REST and nobody from the demo', async () => {
    const refused = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'demo' }),
    });
    expect(refused.status).toBe(401);
    const anna = await signIn(server.url, FIRST_ADMIN.username, FIRST_ADMIN.password);
    expect(anna.user).toMatchObject({ username: FIRST_ADMIN.username, role: 'admin' });
    token = anna.token;
  });

  it('syncs a document between two websocket clients', async () => {
    const created = await fetch(`${server.url}/api/plans`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ year: YEAR }),
    });
    expect(created.status).toBe(201);
    const [writer, reader] = [await open(server.wsUrl), await open(server.wsUrl)];
    expect(readPlan(reader.doc)?.municipality).toBe(FIRST_ADMIN.municipality);
    setPlanMeta(writer.doc, 'mission', MISSION, { author: asAuthor(FIRST_ADMIN.username), reason: '' });
    await waitFor(() => readPlan(reader.doc)?.mission === MISSION, 'the other client sees the change');
  });

  it('stops cleanly on SIGTERM and starts again with the change', async () => {
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    await server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.logs.join('\n')).toContain('shutting down');
    for (const client of clients.splice(0)) client.destroy();
    server = await startProductionServer(store, { LOG_LEVEL: 'info' }, 0, serverDir);
    const again = await open(server.wsUrl);
    expect(readPlan(again.doc)?.mission).toBe(MISSION);
  });
});
