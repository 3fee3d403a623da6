/**
 * The audit log to read, against a real server and real y-websocket clients: a department
 * head changes an outcome, the forecast, an analysis text and an assignment's status; the log
 * names each field in Swedish with its old and new value, who and when, newest first; the
 * filters (who, document, field, period) and paging work; the CSV export is Swedish Excel's
 * dialect and parses back (papaparse) to the same rows the page shows.
 */

import {
  AUDIT_WORDS_SV,
  type AuditRow,
  assignmentsDocumentName,
  auditActionName,
  auditDocumentName,
  auditFieldName,
  auditValues,
  reportDocumentName,
  reportText,
  setAssignmentStatus,
  setIndicatorOutcome,
  setReportBudget,
  swedishDate,
} from '@foljsam/domain';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

const MONTH = '2015-03';
const REPORT = reportDocumentName(MONTH, 'hr');
const ASSIGNMENTS = assignmentsDocumentName(2015);

interface Page {
  rows: AuditRow[];
  total: number;
  offset: number;
  limit: number;
  users: { id: string; name: string }[];
  documents: { name: string; label: string }[];
}

describe('the audit log (revisionslogg)', () => {
  let server: ServerProcess;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const today = swedishDate(new Date());

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions('pglite'));
    for (const username of ['chef-hr', 'kommunchef', 'lasare']) {
      const session = await signIn(server.url, username);
      tokens[username] = session.token;
      ids[username] = session.user.id;
    }
    const report = connectClient(server.wsUrl, REPORT, tokens['chef-hr'] as string);
    const assignments = connectClient(server.wsUrl, ASSIGNMENTS, tokens['chef-hr'] as string);
    await Promise.all([report.synced, assignments.synced]);
    const chef = asAuthor('chef-hr');
    setIndicatorOutcome(report.doc, 'ind-heltid', 81.5, chef);
    setReportBudget(report.doc, { forecastTkr: 1234.5 }, chef);
    const fragment = reportText(report.doc, 'analysis', 'goal:goal-6-1-4-1');
    report.doc.transact(() => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Heltidsprojektet går enligt plan.')]);
      fragment.insert(fragment.length, [paragraph]);
    });
    setAssignmentStatus(assignments.doc, 'ka-2015-2', 'pagar', chef);
    // Stored once another client loads them.
    const reader = connectClient(server.wsUrl, ASSIGNMENTS, tokens.lasare as string);
    await reader.synced;
    await waitFor(
      () => (reader.doc.getMap('assignments').get('ka-2015-2') as Y.Map<unknown>).get('status') === 'pagar',
      'the status stored',
    );
    const reportReader = connectClient(server.wsUrl, REPORT, tokens.lasare as string);
    await reportReader.synced;
    await waitFor(
      () => reportReader.doc.getMap('budget').get('forecastTkr') === 1234.5,
      'the forecast stored',
    );
    for (const client of [report, assignments, reader, reportReader]) client.destroy();
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const get = (query: string, username = 'kommunchef') =>
    fetch(`${server.url}/api/audit?${query}`, { headers: { authorization: `Bearer ${tokens[username]}` } });
  const page = async (query: string) => {
    const response = await get(query);
    expect(response.status).toBe(200);
    return (await response.json()) as Page;
  };

  it('names each changed field in Swedish with its old and new value, who and when, newest first', async () => {
    const log = await page(`from=${today}&to=${today}&user=${ids['chef-hr']}&limit=200`);
    const named = log.rows
      .filter((row) => row.action === 'update')
      .map((row) => {
        const values = auditValues(row, AUDIT_WORDS_SV);
        return [auditFieldName(row, AUDIT_WORDS_SV), values.old, values.new];
      });
    // One update may carry several fields (the client batches what it sends): compare as a set.
    expect(named.sort((a, b) => String(a[0]).localeCompare(String(b[0]), 'sv'))).toEqual([
      ['Analys – Mål 6.1.4.1', '', 'Texten ändrad'],
      ['Prognos (tkr)', '18\u00a0286', '1\u00a0234,5'],
      ['Status – Uppdrag Leda arbetet med införande av personalkläder och heltid.', 'Ej påbörjad', 'Pågår'],
      ['Utfall – Andel personal som arbetar heltid', '77,4', '81,5'],
    ]);
    const statusRow = log.rows.find((row) => row.field === 'assignments/ka-2015-2/status') as AuditRow;
    expect(statusRow).toMatchObject({ userId: ids['chef-hr'], userName: 'Avdelningschef HR avdelningen' });
    expect(auditDocumentName(statusRow.document, statusRow.departmentName, AUDIT_WORDS_SV)).toBe(
      'Uppdrag 2015',
    );
    const outcome = log.rows.find((row) => row.field === 'indicatorOutcomes/ind-heltid') as AuditRow;
    expect(auditDocumentName(outcome.document, outcome.departmentName, AUDIT_WORDS_SV)).toMatch(
      /^Rapport mars 2015 – /,
    );
    // Newest first.
    const times = log.rows.map((row) => row.at);
    expect([...times].sort().reverse()).toEqual(times);
    // The sign-in is there in words too.
    expect(log.rows.some((row) => auditActionName(row.action, AUDIT_WORDS_SV) === 'Loggade in')).toBe(true);
    expect(log.users.map((user) => user.id)).toEqual(
      expect.arrayContaining([ids['chef-hr'], ids.kommunchef]),
    );
  });

  it('filters by document, field, user and period, and pages on the server', async () => {
    const report = await page(`from=${today}&to=${today}&document=${encodeURIComponent(REPORT)}`);
    expect(report.rows.length).toBeGreaterThan(0);
    expect(report.rows.every((row) => row.document === REPORT)).toBe(true);

    // By the field's Swedish name (any case) or its path.
    const forecast = await page(
      `from=${today}&to=${today}&document=${encodeURIComponent(REPORT)}&field=prognos`,
    );
    expect(forecast.rows.map((row) => [row.field, row.userId])).toEqual([
      ['budget/forecastTkr', ids['chef-hr']],
      // The demo seed's first figures, stored today by the server itself.
      ['budget/forecastTkr', 'system'],
    ]);
    const byPath = await page(`from=${today}&to=${today}&user=${ids['chef-hr']}&field=ind-heltid`);
    expect(byPath.rows.map((row) => row.field)).toEqual(['indicatorOutcomes/ind-heltid']);

    const theirs = await page(`from=${today}&to=${today}&user=${ids.lasare}`);
    expect(theirs.rows.every((row) => row.userId === ids.lasare)).toBe(true);
    expect(theirs.rows.some((row) => row.action === 'sign-in')).toBe(true);

    const before = await page('from=2001-01-01&to=2001-12-31');
    expect(before.total).toBe(0);

    const first = await page(`from=${today}&to=${today}&limit=2`);
    const second = await page(`from=${today}&to=${today}&limit=2&offset=2`);
    const all = await page(`from=${today}&to=${today}&limit=4`);
    expect(first.rows).toHaveLength(2);
    expect([...first.rows, ...second.rows]).toEqual(all.rows);
    expect(first.total).toBe(all.total);

    expect((await get(`from=${today}&to=${today}&limit=5000`)).status).toBe(400);
    expect((await get(`from=${today}&to=${today}&offset=-1`)).status).toBe(400);
    expect((await get(`from=${today}&to=${today}`, 'lasare')).status).toBe(403);
  });

  it('exports the same rows as a CSV in Swedish Excel’s dialect that parses back', async () => {
    const filter = `from=${today}&to=${today}&document=${encodeURIComponent(REPORT)}`;
    const shown = await page(`${filter}&limit=200`);
    const response = await get(`${filter}&format=csv`);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.startsWith('Tid;Användare;Händelse;Dokument;Fält;Från;Till;Kommentar\r\n')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(text, {
      header: true,
      skipEmptyLines: true,
      delimiter: ';',
    });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data.map((row) => [row.Fält, row.Till])).toEqual(
      shown.rows.map((row) => [auditFieldName(row, AUDIT_WORDS_SV), auditValues(row, AUDIT_WORDS_SV).new]),
    );
    const forecast = parsed.data.find((row) => row.Fält === 'Prognos (tkr)');
    expect(forecast).toMatchObject({
      Användare: 'Avdelningschef HR avdelningen',
      Händelse: 'Ändrade',
      Till: '1\u00a0234,5',
    });
    // Swedish time, seconds included, no UUIDs.
    expect(forecast?.Tid).toMatch(new RegExp(`^${today} \\d\\d:\\d\\d:\\d\\d$`));
    expect(text).not.toContain(ids['chef-hr']);
  });
});
