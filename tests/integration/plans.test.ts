/**
 * The plans of the years over REST against a real server with the demo workspace: the list, a
 * new year rolled over from 2015 (structure kept, figures gone), carrying unfinished council
 * assignments over, adoption, the reported items, and every refusal (400/403/404/409). Open
 * y-websocket clients see each server-made change live.
 */
import {
  assignmentsDocumentName,
  planDocumentName,
  readAssignments,
  readPlan,
  readPlanStatus,
} from '@foljsam/domain';
import { plan2015 } from '@foljsam/domain/seed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';
import { connectClient, waitFor, type YClient } from '../support/yClient';

describe('the plans of the years', () => {
  let server: ServerProcess;
  const tokens: Record<string, string> = {};
  const clients: YClient[] = [];

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions('pglite'));
    for (const username of ['lasare', 'chef-hr', 'kommunchef', 'admin']) {
      tokens[username] = (await signIn(server.url, username)).token;
    }
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.kill('SIGTERM');
  });

  const call = async (username: string, path: string, body?: unknown) => {
    const response = await fetch(`${server.url}/api/plans${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${tokens[username]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const open = async (docName: string) => {
    const client = connectClient(server.wsUrl, docName, tokens.admin as string);
    clients.push(client);
    await client.synced;
    return client;
  };

  it('lists the demo year as adopted', async () => {
    const { status, body } = await call('lasare', '');
    expect(status).toBe(200);
    expect(body.plans).toEqual([
      {
        year: 2015,
        title: plan2015.title,
        status: 'faststalld',
        adoptedOn: '2015-01-22',
        copiedFromYear: null,
      },
    ]);
  });

  it('rolls 2015 over into a 2016 draft: the structure without the figures', async () => {
    const watcher = await open(planDocumentName(2016));
    expect((await call('chef-hr', '', { year: 2016, fromYear: 2015 })).status).toBe(403);
    expect((await call('lasare', '', { year: 2016 })).status).toBe(403);
    expect((await call('admin', '', { year: 2016, fromYear: 2010 })).status).toBe(404);
    for (const bad of [{}, { year: 1999 }, { year: '20x6' }, { year: 2016, extra: 1 }]) {
      expect((await call('admin', '', bad)).status).toBe(400);
    }

    const created = await call('kommunchef', '', { year: 2016, fromYear: 2015 });
    expect(created).toEqual({ status: 201, body: { year: 2016 } });
    expect((await call('admin', '', { year: 2016 })).status).toBe(409);

    await waitFor(() => readPlan(watcher.doc) !== null, 'the 2016 plan, live');
    const plan = readPlan(watcher.doc);
    expect(plan?.year).toBe(2016);
    expect(plan?.copiedFromYear).toBe(2015);
    expect(plan?.adoptedOn).toBeNull();
    expect(readPlanStatus(watcher.doc)).toBe('utkast');
    expect(plan?.goals.map((goal) => goal.id)).toEqual(plan2015.goals.map((goal) => goal.id));
    expect(plan?.indicators.map((i) => i.targetPath)).toEqual(plan2015.indicators.map((i) => i.targetPath));
    for (const department of plan?.departments ?? []) {
      expect(department.budgetTkr).toBeNull();
      expect(department.costsByKind.every((line) => line.amountTkr === null)).toBe(true);
    }
    expect(plan?.departments.find((d) => d.id === 'hr')?.budgetPreviousYearTkr).toBe(
      plan2015.departments.find((d) => d.id === 'hr')?.budgetTkr,
    );

    const list = await call('chef-hr', '');
    expect((list.body.plans as { year: number; status: string }[]).map((p) => [p.year, p.status])).toEqual([
      [2015, 'faststalld'],
      [2016, 'utkast'],
    ]);
  });

  it('offers the unfinished 2015 assignments and carries the chosen ones over once', async () => {
    const offered = await call('lasare', '/2016/carry-over');
    expect(offered.status).toBe(200);
    const candidates = offered.body.assignments as { id: string; status: string; carried: boolean }[];
    expect(offered.body.fromYear).toBe(2015);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((a) => a.status !== 'klar' && !a.carried)).toBe(true);
    const chosen = candidates[0]?.id as string;

    const watcher = await open(assignmentsDocumentName(2016));
    expect((await call('chef-hr', '/2016/carry-over', { assignmentIds: [chosen] })).status).toBe(403);
    expect((await call('admin', '/2016/carry-over', { assignmentIds: ['no-such'] })).status).toBe(400);
    expect((await call('admin', '/2016/carry-over', { assignmentIds: [] })).status).toBe(400);
    expect((await call('admin', '/2017/carry-over', { assignmentIds: [chosen] })).status).toBe(404);

    const carried = await call('admin', '/2016/carry-over', { assignmentIds: [chosen] });
    expect(carried.status).toBe(200);
    const [entry] = carried.body.carried as { fromId: string; id: string }[];
    expect(entry?.fromId).toBe(chosen);
    expect(entry?.id).toMatch(/^ka-2016-/);
    await waitFor(() => readAssignments(watcher.doc).length === 1, 'the carried assignment, live');
    const [copy] = readAssignments(watcher.doc);
    expect(copy?.carriedFrom).toEqual({ year: 2015, assignmentId: chosen });
    expect(copy?.startDate.startsWith('2016')).toBe(true);
    expect(copy && copy.endDate >= copy.startDate).toBe(true);

    // Again: the same copy, nothing added.
    const again = await call('admin', '/2016/carry-over', { assignmentIds: [chosen] });
    expect(again.body.carried).toEqual([{ fromId: chosen, id: entry?.id }]);
    expect(readAssignments(watcher.doc)).toHaveLength(1);
    const after = (await call('admin', '/2016/carry-over')).body.assignments as {
      id: string;
      carried: boolean;
    }[];
    expect(after.find((a) => a.id === chosen)?.carried).toBe(true);
  });

  it('adopts a plan once, with its decision, live for open clients', async () => {
    const watcher = await open(planDocumentName(2016));
    const decision = { decisionRef: 'KS § 12/2016', decidedOn: '2016-01-20' };
    expect((await call('chef-hr', '/2016/adoption', decision)).status).toBe(403);
    expect((await call('admin', '/2016/adoption', { ...decision, decidedOn: '2016-02-30' })).status).toBe(
      400,
    );
    expect((await call('admin', '/2016/adoption', { ...decision, decisionRef: ' ' })).status).toBe(400);
    expect((await call('admin', '/2030/adoption', decision)).status).toBe(404);

    const adopted = await call('kommunchef', '/2016/adoption', decision);
    expect(adopted.status).toBe(200);
    await waitFor(() => readPlanStatus(watcher.doc) === 'faststalld', 'the adopted status, live');
    expect(readPlan(watcher.doc)?.adoption).toMatchObject({ ...decision, recordedBy: 'kommunchef' });
    expect(readPlan(watcher.doc)?.adoptedOn).toBe('2016-01-20');
    expect((await call('admin', '/2016/adoption', decision)).status).toBe(409);
  });

  it('names the plan items that reports of a year have content for', async () => {
    const reported = await call('lasare', '/2015/reported-items');
    expect(reported.status).toBe(200);
    const keys = reported.body.keys as string[];
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => /^(goal|indicator|initiative|assignment):/.test(key))).toBe(true);
    expect((await call('lasare', '/2016/reported-items')).body.keys).toEqual([]);
  });
});
