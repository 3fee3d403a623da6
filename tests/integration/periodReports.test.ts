/**
 * Tertial and year-end reports against a real server: a department head writes and submits the
 * tertial report `report:2015-T1:hr` over a real y-websocket client, the kommunchef approves it,
 * the frozen approval is stored with its period, a head of another department is refused at the
 * socket and over REST, and a period that does not exist (`2015-T3`) is refused at both.
 */

import { readReport, reportDocumentName, setIndicatorOutcome, setReportBudget } from '@foljsam/domain';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectRawClient } from '../support/rawClient';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

const PERIOD = '2015-T1';
const DEPARTMENT = 'hr';
const DOC = reportDocumentName(PERIOD, DEPARTMENT);

/** Resolves with the HTTP status a websocket upgrade gets (101 when it opens). */
function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', (error) => {
      if (!String(error.message).includes('Unexpected server response')) reject(error);
    });
  });
}

describe('tertial and year-end reports', () => {
  let server: ServerProcess;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions('pglite'));
    for (const username of ['chef-hr', 'chef-it', 'kommunchef']) {
      tokens[username] = (await signIn(server.url, username)).token;
    }
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const rest = (username: string, path: string, method = 'GET', body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[username]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  it('is written and submitted by the department head and approved by the kommunchef, frozen with its period', async () => {
    const head = connectClient(server.wsUrl, DOC, tokens['chef-hr'] as string);
    const reviewer = connectClient(server.wsUrl, DOC, tokens.kommunchef as string);
    await Promise.all([head.synced, reviewer.synced]);
    setIndicatorOutcome(head.doc, 'ind-heltid', 81.5, asAuthor('chef-hr'));
    setReportBudget(head.doc, { outcomeToDateTkr: 2_300, forecastTkr: 6_900 }, asAuthor('chef-hr'));
    await waitFor(
      () => readReport(reviewer.doc, PERIOD, DEPARTMENT).budget.forecastTkr === 6_900,
      "the head's figures at the reviewer",
    );

    const submitted = await rest('chef-hr', `/api/reports/${PERIOD}/${DEPARTMENT}/submit`, 'POST', {});
    expect(submitted.status).toBe(200);
    expect(await submitted.json()).toMatchObject({ docName: DOC, status: 'inskickad' });
    // Another department's head may not approve, nor submit it.
    expect((await rest('chef-it', `/api/reports/${PERIOD}/${DEPARTMENT}/submit`, 'POST', {})).status).toBe(
      403,
    );
    expect((await rest('chef-hr', `/api/reports/${PERIOD}/${DEPARTMENT}/approve`, 'POST', {})).status).toBe(
      403,
    );

    const approved = await rest('kommunchef', `/api/reports/${PERIOD}/${DEPARTMENT}/approve`, 'POST', {});
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'godkand', allowed: ['reopen'] });
    await waitFor(() => readReport(head.doc, PERIOD, DEPARTMENT).status === 'godkand', 'the approval, live');
    const atApproval = readReport(head.doc, PERIOD, DEPARTMENT);
    expect(atApproval).toMatchObject({
      period: '2015-T1',
      month: '2015-04',
      indicatorOutcomes: { 'ind-heltid': 81.5 },
      budget: { outcomeToDateTkr: 2_300, forecastTkr: 6_900 },
    });

    const { approvals } = (await (
      await rest('chef-it', `/api/reports/${PERIOD}/${DEPARTMENT}/approvals`)
    ).json()) as {
      approvals: { data: unknown; state: string }[];
    };
    expect(approvals).toHaveLength(1);
    expect(approvals[0]?.data).toEqual(atApproval);
    const frozen = new Y.Doc();
    Y.applyUpdate(frozen, Buffer.from(approvals[0]?.state ?? '', 'base64'));
    expect(readReport(frozen, PERIOD, DEPARTMENT)).toEqual(atApproval);
    frozen.destroy();

    // The April monthly report is a document of its own: the tertial report left it untouched.
    const april = connectClient(
      server.wsUrl,
      reportDocumentName('2015-04', DEPARTMENT),
      tokens.kommunchef as string,
    );
    await april.synced;
    expect(readReport(april.doc, '2015-04', DEPARTMENT).indicatorOutcomes['ind-heltid']).not.toBe(81.5);
    april.destroy();

    // The budget export lists the tertial report under its period, after April.
    const csv = await (await rest('chef-it', '/api/export/budget?year=2015&format=csv')).text();
    const rows = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    const tertial = rows.find((row) => row.period === PERIOD && row.departmentId === DEPARTMENT);
    expect(tertial).toMatchObject({ month: '2015-04', reportStatus: 'godkand' });
    expect(rows.indexOf(tertial as Record<string, string>)).toBeGreaterThan(
      rows.findIndex((row) => row.period === '2015-04'),
    );
    head.destroy();
    reviewer.destroy();
  });

  it('refuses a head of another department at the socket and over REST', async () => {
    const docName = reportDocumentName('2015-VB', DEPARTMENT);
    const watcher = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
    await watcher.synced;
    const raw = await connectRawClient(server.wsUrl, docName, tokens['chef-it'] as string);
    const attempt = new Y.Doc();
    attempt.getMap('indicatorOutcomes').set('ind-heltid', 1);
    raw.sendUpdate(Y.encodeStateAsUpdate(attempt), 'update');
    await waitFor(() => raw.denied.length > 0, 'a permission-denied message');
    expect(raw.denied[0]).toContain('read-only');

    // A write by someone allowed after the refused one: once it arrives, the refused one would have.
    setIndicatorOutcome(watcher.doc, 'ind-probe', 3, asAuthor('kommunchef'));
    const reader = connectClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    await reader.synced;
    await waitFor(
      () => readReport(reader.doc, '2015-VB', DEPARTMENT).indicatorOutcomes['ind-probe'] === 3,
      'the allowed write',
    );
    expect(readReport(reader.doc, '2015-VB', DEPARTMENT).indicatorOutcomes['ind-heltid']).toBeUndefined();

    const access = await rest('chef-it', `/api/documents/${docName}/access`);
    expect(await access.json()).toMatchObject({ write: false, readOnlyReason: 'other-department' });
    expect((await rest('chef-it', `/api/reports/2015-VB/${DEPARTMENT}/submit`, 'POST', {})).status).toBe(403);
    reader.destroy();
    watcher.destroy();
    await raw.close();
  });

  it('refuses a period that does not exist at the socket and over REST', async () => {
    for (const name of ['report:2015-T3:hr', 'report:2015-T0:hr', 'report:2015-vb:hr', 'report:2015-13:hr']) {
      expect(await upgradeStatus(`${server.wsUrl}/${name}?token=${tokens['chef-hr']}`)).toBe(404);
    }
    const bad = await rest('chef-hr', `/api/reports/2015-T3/${DEPARTMENT}/submit`, 'POST', {});
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBeTruthy();
    expect((await rest('chef-hr', `/api/reports/2015-T3/${DEPARTMENT}/workflow`)).status).toBe(400);
    expect((await rest('chef-hr', '/api/documents/report:2015-T3:hr/access')).status).toBe(404);
    // The tertial report a period names is there: its workflow answers.
    const t2 = await rest('chef-hr', `/api/reports/2015-T2/${DEPARTMENT}/workflow`);
    expect(await t2.json()).toMatchObject({
      docName: 'report:2015-T2:hr',
      status: 'utkast',
      allowed: ['submit'],
    });
  });
});
