/**
 * Official yearly figures from Kolada: a saved API v3 response (tests/fixtures, see its README)
 * imported through the REST API lands in the plan document, where every client reads it;
 * fetching goes to KOLADA_BASE_URL only when it is set (here a local HTTP server serving the
 * same answer in two pages, linked by `next_page` as Kolada documents it).
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { officialSeries, planDocumentName, readOfficialValues } from '@foljsam/domain';
import { plan2015 } from '@foljsam/domain/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';
import { connectClient } from '../support/yClient';

const FIXTURE = readFileSync(new URL('../fixtures/kolada-v3-N01951-1440.json', import.meta.url), 'utf8');
const FIXTURE_VALUES = (JSON.parse(FIXTURE) as { values: unknown[] }).values;
const population = plan2015.indicators.find((i) => i.id === 'ind-befolkningstillvaxt');

describe('Kolada official figures', () => {
  let server: ServerProcess;
  let kolada: Server;
  const requested: string[] = [];
  const tokens: Record<string, string> = {};
  /** Where the stand-in's first page says the next one is. */
  let nextPageAt = (base: string, path: string) => `${base}${path}?page=2&per_page=3`;

  beforeAll(async () => {
    // A stand-in for api.kolada.se on loopback, answering with the saved response in two pages.
    kolada = createServer((request, response) => {
      const url = request.url ?? '';
      requested.push(url);
      const [path = ''] = url.split('?');
      const secondPage = url.includes('page=2');
      const body = secondPage
        ? {
            count: FIXTURE_VALUES.length - 3,
            previous_page: `${base}${path}`,
            values: FIXTURE_VALUES.slice(3),
          }
        : { count: 3, next_page: nextPageAt(base, path), values: FIXTURE_VALUES.slice(0, 3) };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => kolada.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(kolada.address() as AddressInfo).port}`;
    server = await startServerProcess(await freshServerOptions('pglite', { KOLADA_BASE_URL: base }));
    for (const username of ['kommunchef', 'chef-hr'])
      tokens[username] = (await signIn(server.url, username)).token;
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    await new Promise((resolve) => kolada?.close(resolve));
  });

  const post = (path: string, body: string, username = 'kommunchef') =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[username]}`, 'content-type': 'application/json' },
      body,
    });

  async function officialOnServer() {
    const client = connectClient(server.wsUrl, planDocumentName(2015), tokens.kommunchef as string);
    try {
      await client.synced;
      return readOfficialValues(client.doc);
    } finally {
      client.destroy();
    }
  }

  it('imports the saved file: Ale’s totals are stored in the plan, as growth in percent for the indicator', async () => {
    const response = await post('/api/kolada/import?year=2015', FIXTURE);
    expect(response.status).toBe(200);
    // Four years of Ale (1440); the other municipality's value is ignored.
    expect(await response.json()).toEqual({ stored: 4, ignored: 1 });
    const values = await officialOnServer();
    expect(values.map((v) => [v.municipality, v.year, v.value])).toEqual([
      ['1440', 2013, 27626],
      ['1440', 2014, 27932],
      ['1440', 2015, 28402],
      ['1440', 2016, 29059],
    ]);
    expect(values.every((v) => v.source === 'file')).toBe(true);
    if (!population) throw new Error('no population indicator in the seed');
    // (27932 − 27626) / 27626 = 1.1 %, (28402 − 27932) / 27932 = 1.7 %, (29059 − 28402) / 28402 = 2.3 %.
    expect(officialSeries(population, values)).toEqual([
      { year: 2014, value: 1.1 },
      { year: 2015, value: 1.7 },
      { year: 2016, value: 2.3 },
    ]);
  });

  it('refuses a body that is not a Kolada response (400) and other roles (403)', async () => {
    const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;
    const notJson = await post('/api/kolada/import?year=2015', 'hello');
    expect(notJson.status).toBe(400);
    expect(await codeOf(notJson)).toBe('notJson');
    const wrongShape = await post(
      '/api/kolada/import?year=2015',
      JSON.stringify({ values: [{ kpi: 'N01951' }] }),
    );
    expect(wrongShape.status).toBe(400);
    expect(await wrongShape.clone().json()).toMatchObject({ code: 'notKoladaResponse' });
    expect(((await wrongShape.json()) as { error: string }).error).toMatch(/Kolada/);
    const forbidden = await post('/api/kolada/import?year=2015', FIXTURE, 'chef-hr');
    expect(forbidden.status).toBe(403);
    expect(await codeOf(forbidden)).toBe('forbidden');
  });

  it('fetches from KOLADA_BASE_URL for the plan’s KPIs and years, following the next page', async () => {
    const response = await post('/api/kolada/fetch?year=2015', '');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ stored: 4, ignored: 1 });
    const path = '/v3/data/kpi/N01951/municipality/1440/year/2014,2015,2016,2017,2018';
    expect(requested).toEqual([path, `${path}?page=2&per_page=3`]);
    const values = await officialOnServer();
    expect(values[0]?.source).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3\/data\/kpi\/N01951/);
    expect(values.map((v) => v.year)).toEqual([2013, 2014, 2015, 2016]);
  });

  it('does not follow a next page to another site (502)', async () => {
    const before = nextPageAt;
    nextPageAt = () => 'http://198.51.100.1/v3/data/kpi/N01951?page=2';
    try {
      const response = await post('/api/kolada/fetch?year=2015', '');
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({
        code: 'koladaFailed',
        error: expect.stringMatching(/another site/),
      });
    } finally {
      nextPageAt = before;
    }
  });
  // Without KOLADA_BASE_URL the server does not fetch (503): workspaceKolada.test.ts, whose
  // server has none, so that this file starts one server only.
});
