/**
 * Every REST endpoint, with random and boundary input: a 4xx with a JSON message, never a
 * 5xx, never a crash. Seeded, so a failure reproduces.
 */
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';

const SEED = 1539;
const REQUESTS_PER_ENDPOINT = 150;

const ENDPOINTS: { method: string; path: (gen: prng.PRNG) => string }[] = [
  { method: 'POST', path: () => '/api/auth/login' },
  { method: 'POST', path: () => '/api/auth/logout' },
  { method: 'GET', path: () => '/api/auth/me' },
  { method: 'GET', path: () => '/api/health' },
  { method: 'GET', path: () => '/api/departments' },
  { method: 'GET', path: (gen) => `/api/documents/${encodeURIComponent(randomString(gen))}/access` },
  { method: 'GET', path: (gen) => `/api/${encodeURIComponent(randomString(gen))}` },
  { method: 'GET', path: (gen) => `/api/board-report/${encodeURIComponent(randomString(gen))}` },
  { method: 'GET', path: (gen) => `/api/board-report/${encodeURIComponent(randomString(gen))}/xlsx` },
  {
    method: 'GET',
    path: (gen) =>
      `/api/export/${encodeURIComponent(randomString(gen))}?year=${prng.int32(gen, 1990, 2200)}&format=csv`,
  },
  {
    method: 'POST',
    path: (gen) =>
      `/api/import/${prng.oneOf(gen, ['assignments', 'indicator-outcomes', randomString(gen)])}/preview?year=2015&format=${prng.oneOf(gen, ['csv', 'xlsx', 'x'])}`,
  },
  { method: 'POST', path: (gen) => `/api/kolada/import?year=${prng.int32(gen, 1990, 2200)}` },
  // Report workflow (issue 5).
  { method: 'GET', path: (gen) => `/api/reports/${segment(gen)}/${segment(gen)}/workflow` },
  { method: 'GET', path: (gen) => `/api/reports/${segment(gen)}/${segment(gen)}/approvals` },
  ...['submit', 'approve', 'return', 'reopen'].map((action) => ({
    method: 'POST',
    path: (gen: prng.PRNG) => `/api/reports/${segment(gen)}/${segment(gen)}/${action}`,
  })),
  // History.
  {
    method: 'GET',
    path: (gen) => `/api/documents/${segment(gen)}/history?field=${encodeURIComponent(randomField(gen))}`,
  },
  { method: 'POST', path: (gen) => `/api/documents/${segment(gen)}/history/restore` },
  // Users and the audit log.
  { method: 'GET', path: () => '/api/users' },
  { method: 'POST', path: () => '/api/users' },
  { method: 'PATCH', path: (gen) => `/api/users/${segment(gen)}` },
  { method: 'POST', path: (gen) => `/api/users/${segment(gen)}/password` },
  { method: 'POST', path: (gen) => `/api/users/${segment(gen)}/sessions/revoke` },
  // Departments and the workspace (issue 15).
  { method: 'POST', path: () => '/api/departments' },
  { method: 'PATCH', path: (gen) => `/api/departments/${segment(gen)}` },
  { method: 'GET', path: () => '/api/workspace' },
  // The reporting calendar and Att göra (issue 16).
  { method: 'GET', path: (gen) => `/api/calendar/${year(gen)}` },
  { method: 'PUT', path: (gen) => `/api/calendar/${year(gen)}` },
  { method: 'GET', path: (gen) => `/api/todo?year=${year(gen)}` },
  {
    method: 'GET',
    path: (gen) =>
      `/api/audit?from=${encodeURIComponent(randomDate(gen))}&to=${encodeURIComponent(randomDate(gen))}&format=${prng.oneOf(gen, ['json', 'csv', 'xml', ''])}`,
  },
];

/** A path segment: usually plausible (a month, a department, a document), sometimes anything. */
function segment(gen: prng.PRNG): string {
  return prng.bool(gen)
    ? prng.oneOf(gen, [
        '2015-03',
        '2015-01',
        'hr',
        'it',
        'report:2015-03:hr',
        'assignments:2015',
        'plan:2015',
        '2015-00',
      ])
    : encodeURIComponent(randomString(gen));
}

/** A year: usually plausible, sometimes out of range or anything. */
function year(gen: prng.PRNG): string {
  return prng.bool(gen)
    ? prng.oneOf(gen, ['2015', '2016', '1999', '2101', '-1', '2015.5'])
    : encodeURIComponent(randomString(gen));
}

function randomField(gen: prng.PRNG): string {
  return prng.bool(gen)
    ? prng.oneOf(gen, [
        'analysis:goal:x',
        'indicatorOutcomes/x',
        'budget/forecastTkr',
        'itemStatuses/goal:x',
        'assignments/ka-2015-1/status',
        'meta/status',
      ])
    : randomString(gen);
}

function randomDate(gen: prng.PRNG): string {
  return prng.bool(gen)
    ? prng.oneOf(gen, ['2015-01-01', '2026-12-31', '2015-02-30', '1900-01-01'])
    : randomString(gen);
}

function randomString(gen: prng.PRNG): string {
  switch (prng.int32(gen, 0, 4)) {
    case 0:
      return '';
    case 1:
      return prng.utf16String(gen, prng.int32(gen, 0, 300));
    case 2:
      return 'x'.repeat(prng.int32(gen, 1000, 20_000));
    case 3:
      return prng.oneOf(gen, [
        'plan:2015',
        'report:2015-13:hr',
        'report:2015-03:../../etc',
        "'; drop table users; --",
        '\u0000',
      ]);
    default:
      return prng.word(gen, 0, 40);
  }
}

/** A random body: not JSON, JSON of the wrong shape, or the right shape with bad values. */
function randomBody(gen: prng.PRNG): { body: string; contentType: string } {
  const json = (value: unknown) => ({ body: JSON.stringify(value), contentType: 'application/json' });
  switch (prng.int32(gen, 0, 11)) {
    case 0:
      return { body: randomString(gen), contentType: 'application/json' };
    case 1:
      return json(null);
    case 2:
      return json([randomString(gen)]);
    case 3:
      return json({ username: randomString(gen), password: randomString(gen) });
    case 4:
      return json({ username: prng.int32(gen, -5, 5), password: { nested: true } });
    case 5:
      return { body: randomString(gen), contentType: prng.oneOf(gen, ['text/plain', 'application/xml', '']) };
    case 6:
      return json({
        username: randomString(gen),
        displayName: randomString(gen),
        role: prng.oneOf(gen, ['admin', 'kommunchef', 'avdelningschef', 'lasare', 'x']),
        departmentId: prng.oneOf(gen, [null, 'hr', randomString(gen)]),
        password: randomString(gen),
        disabled: prng.oneOf(gen, [true, false, 'yes']),
      });
    case 7:
      return json({ comment: randomString(gen), reason: prng.oneOf(gen, [randomString(gen), 5, null]) });
    case 8:
      return json({
        field: randomField(gen),
        seq: prng.oneOf(gen, [1, 0, -1, 2 ** 53, 1.5, '1', prng.int32(gen, 1, 100)]),
      });
    case 9:
      return json({
        name: prng.oneOf(gen, [randomString(gen), 'Ny avdelning']),
        number: prng.oneOf(gen, ['8.1.4', '9.9', '1.', randomString(gen), 7]),
        archived: prng.oneOf(gen, [true, false, 'yes', null]),
        ...(prng.bool(gen) ? { id: prng.oneOf(gen, ['hr', 'ny', randomString(gen)]) } : {}),
      });
    case 10:
      return json({
        year: prng.oneOf(gen, [2015, 2016, '2015', 1999, 2015.5]),
        periods: prng.oneOf(gen, [
          ['2015-01', '2015-T1', '2015-VB'],
          ['2015-13'],
          ['2015-03', '2015-03'],
          [randomString(gen)],
          'all',
        ]),
        rule: { workingDayOfFollowingMonth: prng.oneOf(gen, [10, 0, 21, 1.5, '10', null]) },
        overrides: prng.oneOf(gen, [
          {},
          { '2015-03': '2015-03-01' },
          { '2015-13': '2015-01-01' },
          { '2016-01': '2016-02-30' },
          { '2015-T1': randomString(gen) },
          [],
        ]),
      });
    default:
      return json({ username: 'kommunchef', password: 'x'.repeat(prng.int32(gen, 0, 5000)) });
  }
}

describe('fuzzing the REST API', () => {
  let server: ServerProcess;
  let tokens: string[];
  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions('pglite'));
    // A reader, and people who get past the role checks into the deeper handlers.
    tokens = [];
    for (const username of ['lasare', 'admin', 'kommunchef', 'chef-hr']) {
      tokens.push((await signIn(server.url, username)).token);
    }
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  it('answers every random request with a status below 500, and 4xx with a JSON message', async () => {
    const gen = prng.create(SEED);
    const failures: string[] = [];
    for (const endpoint of ENDPOINTS) {
      for (let i = 0; i < REQUESTS_PER_ENDPOINT; i++) {
        const path = endpoint.path(gen);
        const { body, contentType } = randomBody(gen);
        const headers: Record<string, string> = { origin: server.url };
        if (contentType) headers['content-type'] = contentType;
        if (prng.bool(gen))
          headers.authorization = `Bearer ${prng.bool(gen) ? prng.oneOf(gen, tokens) : prng.word(gen, 0, 80)}`;
        const response = await fetch(`${server.url}${path}`, {
          method: endpoint.method,
          headers,
          ...(endpoint.method === 'GET' ? {} : { body }),
        });
        const text = await response.text();
        if (response.status >= 500)
          failures.push(`${endpoint.method} ${path.slice(0, 60)} → ${response.status}`);
        if (
          response.status >= 400 &&
          response.status < 500 &&
          response.headers.get('content-type')?.includes('json')
        ) {
          const parsed = JSON.parse(text) as { error?: unknown };
          if (typeof parsed.error !== 'string' || parsed.error.length === 0) {
            failures.push(`${endpoint.method} ${path.slice(0, 60)} → ${response.status} without a message`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    // Still up and still itself.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    // (Not a sign-in: the fuzz's failed logins may have rate-limited this address, as they should.)
    expect((await fetch(`${server.url}/api/departments`)).status).toBe(200);
  });
});
