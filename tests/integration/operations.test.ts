/**
 * Operations: Prometheus metrics (open, or behind METRICS_TOKEN), a graceful shutdown on
 * SIGTERM that loses nothing, and the periodic purge of expired sessions.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { reportDocumentName } from '@foljsam/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES, type Storage } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

const DOC = reportDocumentName('2015-04', 'it');

/** The value of one sample line of the Prometheus text format, 0 when absent. */
function sample(metrics: string, name: string): number {
  const line = metrics.split('\n').find((entry) => entry.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

/** Scrapes until `ready` holds (or 5 s pass) and returns the last scrape. */
async function metricsWhen(scrape: () => Promise<string>, ready: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 5000;
  let text = await scrape();
  while (!ready(text) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    text = await scrape();
  }
  return text;
}

/** How many session rows the store holds for `token`; a PGlite server must be stopped first. */
async function sessionRows(
  storage: Storage,
  options: Awaited<ReturnType<typeof freshServerOptions>>,
  token: string,
): Promise<number> {
  const sql = 'select count(*)::int as n from sessions where token_hash = $1';
  const tokenHash = createHash('sha256').update(token).digest('hex');
  if (storage === 'pglite') {
    const db = await PGlite.create(join(options.dataDir, 'pglite'));
    try {
      return (await db.query<{ n: number }>(sql, [tokenHash])).rows[0]?.n ?? Number.NaN;
    } finally {
      await db.close();
    }
  }
  const client = new pg.Client({ connectionString: options.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<{ n: number }>(sql, [tokenHash])).rows[0]?.n ?? Number.NaN;
  } finally {
    await client.end();
  }
}

describe('operations', () => {
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.kill();
  });

  // One server for the metrics, the metrics token and (last, as it stops it) the shutdown.
  const metricsToken = 'scrape-token-0123456789abcdef';
  let options: Awaited<ReturnType<typeof freshServerOptions>>;
  let server: ServerProcess;
  beforeAll(async () => {
    options = await freshServerOptions('pglite', { METRICS_TOKEN: metricsToken });
    server = await startServerProcess(options);
    servers.push(server);
  });

  it('exposes Prometheus metrics for connections, documents, stored updates and errors', async () => {
    const metrics = async () =>
      (await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } })).text();
    const { token } = await signIn(server.url, 'chef-it');

    const client = connectClient(server.wsUrl, DOC, token);
    await client.synced;
    for (let i = 0; i < 5; i++) client.doc.getMap('indicatorOutcomes').set(`k${i}`, i);
    let text = await metricsWhen(metrics, (t) => sample(t, 'foljsam_updates_stored_total') >= 5);
    expect(sample(text, 'foljsam_updates_stored_total')).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'foljsam_connections')).toBe(1);
    // The report and the plan its writer holds open for the budget.
    expect(sample(text, 'foljsam_documents_loaded')).toBe(2);
    expect(sample(text, 'foljsam_store_append_seconds_count')).toBeGreaterThan(0);

    // A malformed frame is counted by kind.
    const raw = new WebSocket(`${server.wsUrl}/${DOC}?token=${token}`);
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(new Uint8Array([0xff, 0xff]));
    await new Promise((resolve) => raw.once('close', resolve));
    text = await metricsWhen(metrics, (t) => sample(t, 'foljsam_errors_total{kind="malformed-message"}') > 0);
    expect(sample(text, 'foljsam_errors_total{kind="malformed-message"}')).toBe(1);
    client.destroy();
  });

  it('with METRICS_TOKEN, /metrics needs that bearer token (401 with a JSON message otherwise)', async () => {
    const scrape = (authorization?: string) =>
      fetch(`${server.url}/metrics`, { headers: authorization ? { authorization } : {} });
    for (const authorization of [
      undefined,
      'Bearer wrong-token-0123456789abcdef',
      `Bearer ${metricsToken}x`,
      `Basic ${Buffer.from(`x:${metricsToken}`).toString('base64')}`,
      'Bearer',
    ]) {
      const refused = await scrape(authorization);
      expect(refused.status, String(authorization)).toBe(401);
      expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer /);
      expect(((await refused.json()) as { error: string }).error).toContain('METRICS_TOKEN');
    }
    const allowed = await scrape(`Bearer ${metricsToken}`);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toContain('foljsam_connections');
    // The rest of the server does not take the metrics token for a session.
    expect(
      (await fetch(`${server.url}/api/users`, { headers: { authorization: `Bearer ${metricsToken}` } }))
        .status,
    ).toBe(401);
  });

  it.each(STORAGES)('purges expired sessions from the store periodically (%s)', async (storage) => {
    // Sessions last 1.8 s and the purge runs every 0.3 s.
    const purgeOptions = await freshServerOptions(storage, {
      SESSION_TTL_HOURS: '0.0005',
      SESSION_PURGE_MINUTES: '0.005',
    });
    const purging = await startServerProcess(purgeOptions);
    servers.push(purging);
    // The session is never used again: a use would delete it on the spot, not the purge.
    const { token } = await signIn(purging.url, 'chef-it');
    if (storage === 'postgres') expect(await sessionRows(storage, purgeOptions, token)).toBe(1);
    // Waits for the purge's log line (a PGlite store can only be read once the server stops),
    // or on PostgreSQL for the row to go; the assertion below is on the store either way.
    const deadline = Date.now() + 30_000;
    const purged = async () =>
      storage === 'postgres'
        ? (await sessionRows(storage, purgeOptions, token)) === 0
        : purging.logs.some((line) => line.includes('"msg":"expired sessions purged"'));
    while (!(await purged()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (storage === 'pglite') await purging.kill('SIGTERM');
    expect(await sessionRows(storage, purgeOptions, token)).toBe(0);
  });

  it('on SIGTERM closes clients with "going away", stores what they sent and exits cleanly', async () => {
    const { token } = await signIn(server.url, 'chef-it');
    const client = connectClient(server.wsUrl, DOC, token);
    await client.synced;
    const closeCodes: number[] = [];
    client.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closeCodes.push(event.code);
    });
    client.doc.getMap('indicatorOutcomes').set('before-shutdown', 1);
    // Wait until the server has it: then SIGTERM must not lose it.
    const reader = connectClient(server.wsUrl, DOC, token);
    await reader.synced;
    await waitFor(
      () => reader.doc.getMap('indicatorOutcomes').get('before-shutdown') === 1,
      'the write reached the server',
    );
    reader.destroy();

    const exited = new Promise<number | null>((resolve) =>
      server.child.once('exit', (code) => resolve(code)),
    );
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await waitFor(() => closeCodes.includes(1001), 'the client saw 1001 going away');
    client.destroy();

    const restarted = await startServerProcess(options);
    servers.push(restarted);
    const after = connectClient(restarted.wsUrl, DOC, token);
    await after.synced;
    expect(after.doc.getMap('indicatorOutcomes').get('before-shutdown')).toBe(1);
    after.destroy();
  });
});
