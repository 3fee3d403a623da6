/**
 * The report workflow over REST against a real server: every transition, every refusal
 * (400/403/404/409), the live status for open clients, the events, and the frozen snapshot
 * stored at approval.
 */

import { readReport, reportDocumentName, setIndicatorOutcome } from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
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
  const step = async (username: string, action: string, body?: unknown) => {
    const response = await call(username, `${MONTH}/${DEPARTMENT}/${action}`, body ?? {});
    return { status: response.status, body: (await response.json()) as WorkflowView & { error?: string } };
  };

  it('walks utkast → inskickad → återremitterad → inskickad → godkänd → utkast, refusing what is not allowed', async () => {
    const initial = (await (await call('chef-hr', `${MONTH}/${DEPARTMENT}/workflow`)).json()) as WorkflowView;
    expect(initial).toEqual({ docName: DOC, status: 'utkast', allowed: ['submit'], events: [] });

    // A client has the report open: it sees every step live.
    const watcher = connectClient(server.wsUrl, DOC, tokens.kommunchef as string);
    await watcher.synced;
    const liveStatus = () => watcher.doc.getMap('meta').get('status');

    // Who may not: 403 whatever the state; wrong state: 409.
    expect((await step('lasare', 'submit')).status).toBe(403);
    expect((await step('chef-it', 'submit')).status).toBe(403);
    expect((await step('kommunchef', 'approve')).status).toBe(409);
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

    // The department head fixes it (an ordinary edit) and submits again.
    setIndicatorOutcome(watcher.doc, 'probe-indicator', 42, asAuthor('kommunchef'));
    const resubmitted = await step('chef-hr', 'submit');
    expect(resubmitted.body.status).toBe('inskickad');
    const kommunchefView = (await (
      await call('kommunchef', `${MONTH}/${DEPARTMENT}/workflow`)
    ).json()) as WorkflowView;
    expect(kommunchefView.allowed).toEqual(['approve', 'return']);

    const approved = await step('kommunchef', 'approve');
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
