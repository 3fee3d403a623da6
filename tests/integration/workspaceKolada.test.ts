/**
 * The Kolada import's municipality defaults to the workspace's Kolada id (written by
 * `pnpm admin init` or the demo seed), before `KOLADA_MUNICIPALITY` and 1440. On PostgreSQL, so
 * the test can change the stored setting under a running server. Without KOLADA_BASE_URL, the
 * server does not fetch.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';

/** Four values of Ale (1440) and one of Härryda (1401). */
const FIXTURE = readFileSync(new URL('../fixtures/kolada-v3-N01951-1440.json', import.meta.url), 'utf8');

describe('the Kolada municipality of the workspace', () => {
  let server: ServerProcess;
  let databaseUrl: string;
  let token: string;

  beforeAll(async () => {
    // The environment names Härryda; the demo workspace says Ale, and the workspace wins.
    const options = await freshServerOptions('postgres', { KOLADA_MUNICIPALITY: '1401' });
    databaseUrl = options.env.DATABASE_URL as string;
    server = await startServerProcess(options);
    token = (await signIn(server.url, 'kommunchef')).token;
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const importFixture = async (query = '') => {
    const response = await fetch(`${server.url}/api/kolada/import?year=2015${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: FIXTURE,
    });
    expect(response.status).toBe(200);
    return response.json();
  };

  async function setWorkspaceKoladaId(id: string): Promise<void> {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rowCount } = await client.query('update workspace_settings set kolada_municipality_id = $1', [
        id,
      ]);
      expect(rowCount).toBe(1);
    } finally {
      await client.end();
    }
  }

  it('takes the workspace’s id over KOLADA_MUNICIPALITY, and an explicit one over both', async () => {
    expect(await importFixture()).toEqual({ stored: 4, ignored: 1 });
    await setWorkspaceKoladaId('1401');
    expect(await importFixture()).toEqual({ stored: 1, ignored: 4 });
    expect(await importFixture('&municipality=1440')).toEqual({ stored: 4, ignored: 1 });
  });

  // Here rather than in kolada.test.ts, whose server fetches from a stand-in: this one has no
  // KOLADA_BASE_URL, and an import from a file (above) works without it.
  it('does not fetch without KOLADA_BASE_URL (503)', async () => {
    const response = await fetch(`${server.url}/api/kolada/fetch?year=2015`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({
      code: 'notConfigured',
      error: expect.stringMatching(/KOLADA_BASE_URL/),
    });
  });
});
