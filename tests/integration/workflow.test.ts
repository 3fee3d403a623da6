/**
 * The report workflow over REST against a real server: every transition, every refusal
 * (400/403/404/409), the live status for open clients, the events, and the frozen snapshot
 * stored at approval.
 */

import {
  planDocumentName,
  readDepartmentBudgetTkr,
  readReport,
  reportBudgetText,
  reportChangesSince,
  reportDocumentName,
  reportText,
  reportVersion,
  setIndicatorOutcome,
  setReportBudget,
  updatePlanEntity,
} from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { connectRawClient } from '../support/rawClient';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

const MONTH = '2015-03';
const DEPARTMENT = 'hr';
const DOC = reportDocumentName(MONTH, DEPARTMENT);

interface WorkflowView {
  docName: string;
  status: string;
  allowed: string[];
  events: { action: string; userId: string; userName: string; at: string; comment: string | null }[];
  statusChangedBy: string | null;
  statusChangedAt: string | null;
  changes: { field: string; by: string[] }[];
}

/** HR's budget for 2015 in the demo plan (tkr): a cost budget. */
const HR_BUDGET_TKR = 17_866;
const HEAD = 'Avdelningschef HR avdelningen';

/** Polls an asynchronous `condition` until it holds, or fails with `message`. */
async function until(condition: () => Promise<boolean>, message: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Appends a paragraph of plain text to a report text, as the editor does. */
function paragraph(fragment: Y.XmlFragment, text: string): void {
  const element = new Y.XmlElement('paragraph');
  element.insert(0, [new Y.XmlText(text)]);
  fragment.insert(fragment.length, [element]);
}

describe.each(STORAGES)('the report workflow (%s)', (storage) => {
  let server: ServerProcess;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions(storage));
    for (const username of ['lasare', 'chef-hr', 'chef-it', 'kommunchef', 'admin']) {
      tokens[username] = (await signIn(server.url, username)).token;
    }
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  const call = (username: string, path: string, body?: unknown) =>
    fetch(`${server.url}/api/reports/${path}`, {
      method: body === undefined && !/submit|approve/.test(path) ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${tokens[username]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const step = (username: string, action: string, body?: unknown) =>
    stepIn(`${MONTH}/${DEPARTMENT}`, username, action, body);
  const stepIn = async (path: string, username: string, action: string, body?: unknown) => {
    const response = await call(username, `${path}/${action}`, body ?? {});
    return { status: response.status, body: (await response.json()) as WorkflowView & { error?: string } };
  };

  it('walks utkast → inskickad → återremitterad → inskickad → godkänd → utkast, refusing what is not allowed', async () => {
    const initial = (await (await call('chef-hr', `${MONTH}/${DEPARTMENT}/workflow`)).json()) as WorkflowView;
    expect(initial).toEqual({
      docName: DOC,
      status: 'utkast',
      allowed: ['submit'],
      events: [],
      statusChangedBy: null,
      statusChangedAt: null,
      changes: [],
    });

    // A client has the report open: it sees every step live.
    const watcher = connectClient(server.wsUrl, DOC, tokens.kommunchef as string);
    await watcher.synced;
    const liveStatus = () => watcher.doc.getMap('meta').get('status');

    // Who may not: 403 whatever the state; wrong state: 409.
    expect((await step('lasare', 'submit')).status).toBe(403);
    expect((await step('chef-it', 'submit')).status).toBe(403);
    expect((await step('kommunchef', 'approve', { version: reportVersion(watcher.doc) })).status).toBe(409);
    expect((await step('kommunchef', 'reopen', { reason: 'x' })).status).toBe(409);

    const submitted = await step('chef-hr', 'submit');
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'inskickad', allowed: [] });
    await waitFor(() => liveStatus() === 'inskickad', 'the submitted status, live');
    expect(watcher.doc.getMap('meta').get('statusChangedBy')).toBe('chef-hr');
    expect((await step('chef-hr', 'submit')).status).toBe(409);
    expect((await step('chef-hr', 'approve')).status).toBe(403);
    expect((await step('chef-hr', 'return', { comment: 'x' })).status).toBe(403);

    // Returning needs a comment.
    for (const body of [{}, { comment: '' }, { comment: '   ' }, { comment: 5 }, []]) {
      const refused = await step('kommunchef', 'return', body);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toBeTruthy();
    }
    const returned = await step('kommunchef', 'return', { comment: 'Beskriv prognosen.' });
    expect(returned.status).toBe(200);
    expect(returned.body.status).toBe('aterremitterad');
    await waitFor(() => liveStatus() === 'aterremitterad', 'the returned status, live');
    expect(watcher.doc.getMap('meta').get('returnComment')).toBe('Beskriv prognosen.');
    expect(returned.body.statusChangedBy).toBe('kommunchef');

    // The department head fixes it (an ordinary edit) and submits again.
    setIndicatorOutcome(watcher.doc, 'probe-indicator', 42, asAuthor('kommunchef'));
    const resubmitted = await step('chef-hr', 'submit');
    expect(resubmitted.body.status).toBe('inskickad');
    const kommunchefView = (await (
      await call('kommunchef', `${MONTH}/${DEPARTMENT}/workflow`)
    ).json()) as WorkflowView;
    expect(kommunchefView.allowed).toEqual(['approve', 'return']);

    // The watcher has seen the resubmission: that is the version approved.
    await waitFor(() => liveStatus() === 'inskickad', 'the resubmitted status, live');
    const approved = await step('kommunchef', 'approve', { version: reportVersion(watcher.doc) });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: 'godkand', allowed: ['reopen'] });
    await waitFor(() => liveStatus() === 'godkand', 'the approved status, live');
    const atApproval = readReport(watcher.doc, MONTH, DEPARTMENT);
    expect(atApproval.indicatorOutcomes['probe-indicator']).toBe(42);

    // Read-only for everyone now.
    const access = await fetch(`${server.url}/api/documents/${DOC}/access`, {
      headers: { authorization: `Bearer ${tokens['chef-hr']}` },
    });
    expect(await access.json()).toMatchObject({ write: false, readOnlyReason: 'approved' });

    // Reopening: kommunchef or admin, with a reason.
    expect((await step('chef-hr', 'reopen', { reason: 'fel' })).status).toBe(403);
    expect((await step('admin', 'reopen', {})).status).toBe(400);
    const reopened = await step('admin', 'reopen', { reason: 'Fel utfall för januari.' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.status).toBe('utkast');
    await waitFor(() => liveStatus() === 'utkast', 'the reopened status, live');
    setIndicatorOutcome(watcher.doc, 'probe-indicator', 7, asAuthor('kommunchef'));

    expect(reopened.body.events.map((event) => [event.action, event.userName, event.comment])).toEqual([
      ['submit', 'Avdelningschef HR avdelningen', null],
      ['return', 'Kommunchef', 'Beskriv prognosen.'],
      ['submit', 'Avdelningschef HR avdelningen', null],
      ['approve', 'Kommunchef', null],
      ['reopen', 'Administratör', 'Fel utfall för januari.'],
    ]);
    const times = reopened.body.events.map((event) => Date.parse(event.at));
    expect(times.every((time, index) => index === 0 || time >= (times[index - 1] as number))).toBe(true);

    // The snapshot is frozen: later edits do not change it, and its Yjs state is the report then.
    const { approvals } = (await (await call('lasare', `${MONTH}/${DEPARTMENT}/approvals`)).json()) as {
      approvals: { approvedBy: string; data: { status: string }; state: string }[];
    };
    expect(approvals).toHaveLength(1);
    expect(approvals[0]?.data).toEqual(atApproval);
    const frozen = new Y.Doc();
    Y.applyUpdate(frozen, Buffer.from(approvals[0]?.state ?? '', 'base64'));
    expect(readReport(frozen, MONTH, DEPARTMENT)).toEqual(atApproval);
    frozen.destroy();
    watcher.destroy();
  });

  it('approves only the version the approver saw: 409 with the changes after it, then the current one', async () => {
    const month = '2015-04';
    const docName = reportDocumentName(month, DEPARTMENT);
    const head = connectClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    const reviewer = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
    await Promise.all([head.synced, reviewer.synced]);
    const chefHr = asAuthor('chef-hr');
    setReportBudget(head.doc, { outcomeToDateTkr: 5_000, forecastTkr: HR_BUDGET_TKR }, chefHr);
    paragraph(reportText(head.doc, 'analysis', 'goal:g1'), 'Allt går enligt plan.');
    const path = `${month}/${DEPARTMENT}`;
    const reviewerSees = (check: (doc: Y.Doc) => boolean, what: string) =>
      waitFor(() => check(reviewer.doc), what);
    await reviewerSees(
      (doc) => readReport(doc, month, DEPARTMENT).budget.outcomeToDateTkr === 5_000,
      'figures',
    );

    const submitted = await stepIn(path, 'chef-hr', 'submit');
    expect(submitted.body).toMatchObject({ status: 'inskickad', changes: [] });
    await reviewerSees((doc) => doc.getMap('meta').get('status') === 'inskickad', 'submitted');
    const seen = reportVersion(reviewer.doc);

    // The head changes the forecast and a text after submitting.
    setReportBudget(head.doc, { forecastTkr: 18_200 }, chefHr);
    paragraph(reportText(head.doc, 'analysis', 'goal:g1'), 'Prognosen höjd.');
    await reviewerSees(
      (doc) =>
        readReport(doc, month, DEPARTMENT).budget.forecastTkr === 18_200 &&
        readReport(doc, month, DEPARTMENT).analysis['goal:g1']?.includes('höjd') === true,
      'the changes after submission',
    );
    const expectedChanges = [
      { field: 'analysis:goal:g1', by: [HEAD] },
      { field: 'budget/forecastTkr', by: [HEAD] },
    ];
    const marked = (await (await call('kommunchef', `${path}/workflow`)).json()) as WorkflowView;
    expect(marked.changes).toEqual(expectedChanges);

    // Approving what the reviewer saw before those changes: 409 with them, nothing stored.
    const stale = await stepIn(path, 'kommunchef', 'approve', { version: seen });
    expect(stale.status).toBe(409);
    expect(stale.body.changes).toEqual(expectedChanges);
    expect(stale.body.error).toContain('changed');
    // Without a version (an old client), or with something that is not one: 400, nothing stored.
    for (const body of [{}, { version: '' }, { version: 'inte en version!' }]) {
      const refused = await stepIn(path, 'kommunchef', 'approve', body);
      expect(refused.status).toBe(400);
      expect(refused.body.error).toMatch(/version/);
    }
    const none = (await (await call('kommunchef', `${path}/approvals`)).json()) as { approvals: unknown[] };
    expect(none.approvals).toEqual([]);
    expect(reviewer.doc.getMap('meta').get('status')).toBe('inskickad');

    // A deletion alone leaves the state vector as it was; the version still tells it apart.
    const looked = reportVersion(reviewer.doc);
    const vector = Y.encodeStateVector(reviewer.doc);
    const text = (reportText(head.doc, 'analysis', 'goal:g1').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.delete(0, 5);
    await reviewerSees(
      (doc) => readReport(doc, month, DEPARTMENT).analysis['goal:g1']?.startsWith('går') === true,
      'the deletion',
    );
    expect(Y.encodeStateVector(reviewer.doc)).toEqual(vector);
    const deleted = await stepIn(path, 'kommunchef', 'approve', { version: looked });
    expect(deleted.status).toBe(409);
    expect(deleted.body.changes).toEqual([{ field: 'analysis:goal:g1', by: [HEAD] }]);

    // The version the reviewer has now is approved, and the frozen approval is exactly it.
    const current = reportVersion(reviewer.doc);
    const approved = await stepIn(path, 'kommunchef', 'approve', { version: current });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('godkand');
    expect(approved.body.changes).toEqual([]);
    const { approvals } = (await (await call('kommunchef', `${path}/approvals`)).json()) as {
      approvals: { data: { budget: { forecastTkr: number } }; state: string }[];
    };
    expect(approvals).toHaveLength(1);
    const frozen = new Y.Doc();
    Y.applyUpdate(frozen, Buffer.from(approvals[0]?.state ?? '', 'base64'));
    const approvedVersion = Y.decodeSnapshot(Buffer.from(current, 'base64'));
    // Nothing but the approval's own bookkeeping (the status in meta) after the version approved.
    expect(reportChangesSince(frozen, approvedVersion)).toEqual([]);
    // And everything of that version is in it.
    const frozenVector = Y.decodeStateVector(Y.encodeStateVector(frozen));
    for (const [client, clock] of approvedVersion.sv)
      expect(frozenVector.get(client)).toBeGreaterThanOrEqual(clock);
    expect(readReport(frozen, month, DEPARTMENT).budget.forecastTkr).toBe(18_200);
    expect(readReport(frozen, month, DEPARTMENT).analysis['goal:g1']).toBe(
      'går enligt plan.\nPrognosen höjd.',
    );
    frozen.destroy();
    head.destroy();
    reviewer.destroy();
  });

  it('refuses a forecast far from budget at submit until the budget analysis says why', async () => {
    const month = '2015-06';
    const docName = reportDocumentName(month, DEPARTMENT);
    const head = connectClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    await head.synced;
    // 15 % over budget: allowed as a figure, but it needs a comment.
    const forecastTkr = Math.round(HR_BUDGET_TKR * 1.15);
    setReportBudget(head.doc, { outcomeToDateTkr: 9_000, forecastTkr }, asAuthor('chef-hr'));
    const path = `${month}/${DEPARTMENT}`;
    const stored = async () => {
      const reader = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
      await reader.synced;
      const report = readReport(reader.doc, month, DEPARTMENT);
      reader.destroy();
      return report;
    };
    await until(async () => (await stored()).budget.forecastTkr === forecastTkr, 'the forecast stored');
    const refused = await call('chef-hr', `${path}/submit`, {});
    expect(refused.status).toBe(409);
    const body = (await refused.json()) as { error: string; problem: { code: string; field: string } };
    expect(body.problem).toEqual({ field: 'forecastTkr', code: 'commentRequired', severity: 'comment' });
    expect(body.error).toContain('budget analysis');
    expect((await stored()).status).toBe('utkast');

    paragraph(reportBudgetText(head.doc), 'Fler vikarier under sommaren än budgeterat.');
    await until(async () => Boolean((await stored()).analysis.budget), 'the budget analysis stored');
    const submitted = await stepIn(path, 'chef-hr', 'submit');
    expect(submitted.body).toMatchObject({ status: 'inskickad' });
    head.destroy();
  });

  it('refuses crafted updates with implausible budget figures; nothing of them is stored', async () => {
    const month = '2015-07';
    const docName = reportDocumentName(month, DEPARTMENT);
    const attacker = await connectRawClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    const send = (write: (doc: Y.Doc) => void) => {
      const before = Y.encodeStateVector(attacker.doc);
      write(attacker.doc);
      attacker.sendUpdate(Y.encodeStateAsUpdate(attacker.doc, before), 'update');
    };
    // A negative outcome on a cost budget, written straight into the map.
    send((doc) => doc.getMap('budget').set('outcomeToDateTkr', -500));
    await waitFor(() => attacker.denied.length > 0, 'the negative outcome is refused');
    expect(attacker.denied[0]).toContain('implausible');
    await attacker.close();

    // A forecast of more than ten times the budget, through the domain's writer (with its log entry).
    const second = await connectRawClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    const before = Y.encodeStateVector(second.doc);
    setReportBudget(second.doc, { forecastTkr: HR_BUDGET_TKR * 11 }, asAuthor('chef-hr'));
    second.sendUpdate(Y.encodeStateAsUpdate(second.doc, before), 'update');
    await waitFor(() => second.denied.length > 0, 'the huge forecast is refused');
    expect(second.denied[0]).toContain('implausible');
    await second.close();

    // A plausible figure is stored; the refused ones never were.
    const head = connectClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    await head.synced;
    setReportBudget(head.doc, { outcomeToDateTkr: 8_000 }, asAuthor('chef-hr'));
    const reader = connectClient(server.wsUrl, docName, tokens.kommunchef as string);
    await reader.synced;
    await waitFor(
      () => readReport(reader.doc, month, DEPARTMENT).budget.outcomeToDateTkr === 8_000,
      'the plausible figure',
    );
    expect(readReport(reader.doc, month, DEPARTMENT).budget.forecastTkr).toBeNull();
    head.destroy();
    reader.destroy();
  });

  it('checks budget figures against the plan as it is now: a budget lowered while a report is open counts at once', async () => {
    const month = '2015-08';
    const docName = reportDocumentName(month, DEPARTMENT);
    const head = await connectRawClient(server.wsUrl, docName, tokens['chef-hr'] as string);
    const admin = connectClient(server.wsUrl, planDocumentName(2015), tokens.admin as string);
    await admin.synced;
    // Five times today's budget is plausible; after the budget is cut to a tenth it is fifty times.
    const forecastTkr = HR_BUDGET_TKR * 5;
    updatePlanEntity(
      admin.doc,
      'departments',
      DEPARTMENT,
      { budgetTkr: Math.round(HR_BUDGET_TKR / 10) },
      { author: asAuthor('admin'), reason: 'Test: budgeten sänkt' },
    );
    const reader = connectClient(server.wsUrl, planDocumentName(2015), tokens.kommunchef as string);
    await reader.synced;
    await waitFor(
      () => readDepartmentBudgetTkr(reader.doc, DEPARTMENT) === Math.round(HR_BUDGET_TKR / 10),
      'the lowered budget on the server',
    );
    const before = Y.encodeStateVector(head.doc);
    setReportBudget(head.doc, { forecastTkr }, asAuthor('chef-hr'));
    head.sendUpdate(Y.encodeStateAsUpdate(head.doc, before), 'update');
    await waitFor(() => head.denied.length > 0, 'the forecast is refused against the new budget');
    expect(head.denied[0]).toContain('implausible');
    // Put back, for the tests after this one.
    updatePlanEntity(
      admin.doc,
      'departments',
      DEPARTMENT,
      { budgetTkr: HR_BUDGET_TKR },
      { author: asAuthor('admin'), reason: 'Test: budgeten återställd' },
    );
    await waitFor(() => readDepartmentBudgetTkr(reader.doc, DEPARTMENT) === HR_BUDGET_TKR, 'the budget back');
    await head.close();
    admin.destroy();
    reader.destroy();
  });

  it("the demo's statuses come with matching events, and approved months with a snapshot", async () => {
    const returned = (await (await call('lasare', '2015-02/utveckling/workflow')).json()) as WorkflowView;
    expect(returned.status).toBe('aterremitterad');
    expect(returned.events).toEqual([
      expect.objectContaining({
        action: 'return',
        userName: 'Kommunchef',
        at: expect.stringMatching(/^2015-03-/),
      }),
    ]);
    expect(returned.events[0]?.comment).toBeTruthy();
    const approved = (await (await call('lasare', '2015-01/hr/approvals')).json()) as {
      approvals: { data: { status: string } }[];
    };
    expect(approved.approvals.map((approval) => approval.data.status)).toEqual(['godkand']);
  });

  it('answers 400 for a bad month, 404 for an unknown department, 401 without a session', async () => {
    const bad = await call('kommunchef', '2015-13/hr/workflow');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBeTruthy();
    const unknown = await call('kommunchef', '2015-03/no-such-department/submit', {});
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toContain('no-such-department');
    expect((await fetch(`${server.url}/api/reports/2015-03/hr/workflow`)).status).toBe(401);
  });
});
