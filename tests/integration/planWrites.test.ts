/**
 * Writes to the plan (`plan:<year>`) at the websocket, per change (issue #15): only the
 * kommunchef and admin change it, and an adopted plan (the 2015 demo is fastställd) changes
 * only with a revision by the signed-in user saying why. The writers are the stock y-websocket
 * client with the domain's plan writers, as the plan editor sends them; what the server holds
 * afterwards is read by a fresh client.
 */
import {
  PLAN_ROOTS,
  type PlanEdit,
  planDocumentName,
  readPlan,
  readPlanRevisions,
  setPlanMeta,
  updatePlanEntity,
} from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient } from '../support/yClient';

const PLAN = planDocumentName(2015);
const editAs = (username: string, reason?: string): PlanEdit => ({
  author: { username, displayName: username },
  ...(reason === undefined ? {} : { reason }),
});

describe.each(STORAGES)('writes to the plan, per change (%s)', (storage) => {
  let server: ServerProcess;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startServerProcess(await freshServerOptions(storage));
    for (const username of ['lasare', 'chef-hr', 'kommunchef', 'admin']) {
      const session = await signIn(server.url, username);
      tokens[username] = session.token;
      ids[username] = session.user.id;
    }
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  /** The server's count of refused writes (a Prometheus counter). */
  async function refusedWrites(): Promise<number> {
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const line = metrics.split('\n').find((l) => l.startsWith('foljsam_errors_total{kind="write-refused"}'));
    return Number(line?.split(' ')[1] ?? 0);
  }

  /**
   * Makes `change` through a stock client signed in as `username`; resolves once the server
   * has decided: the refusal counted, or `applied` true of what a fresh client reads.
   */
  async function write(
    username: string,
    change: (doc: Y.Doc) => void,
    applied: (stored: Y.Doc) => boolean,
  ): Promise<'accepted' | 'refused'> {
    const refusedBefore = await refusedWrites();
    const client = connectClient(server.wsUrl, PLAN, tokens[username] as string);
    try {
      await client.synced;
      change(client.doc);
      if (!applied(client.doc)) throw new Error('the change does not do what the test expects');
      for (const deadline = Date.now() + 10_000; Date.now() < deadline; ) {
        if ((await refusedWrites()) > refusedBefore) return 'refused';
        const reader = connectClient(server.wsUrl, PLAN, tokens.kommunchef as string);
        try {
          await reader.synced;
          if (applied(reader.doc)) return 'accepted';
        } finally {
          reader.destroy();
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error('the server neither applied nor refused the change');
    } finally {
      client.destroy();
    }
  }

  async function storedPlan() {
    const reader = connectClient(server.wsUrl, PLAN, tokens.kommunchef as string);
    try {
      await reader.synced;
      return { plan: readPlan(reader.doc), revisions: readPlanRevisions(reader.doc) };
    } finally {
      reader.destroy();
    }
  }

  it("refuses a department head's and a reader's change, and applies the kommunchef's same change", async () => {
    const before = await storedPlan();
    const goal = before.plan?.goals[0];
    if (!goal) throw new Error('the demo plan has no goals');
    const title = `${goal.title} (ny)`;
    const retitle = (username: string) => (doc: Y.Doc) =>
      updatePlanEntity(doc, 'goals', goal.id, { title }, editAs(username, 'Rättelse'));
    const retitled = (doc: Y.Doc) => readPlan(doc)?.goals[0]?.title === title;

    expect(await write('chef-hr', retitle('chef-hr'), retitled)).toBe('refused');
    expect(await write('lasare', retitle('lasare'), retitled)).toBe('refused');
    const unchanged = await storedPlan();
    expect(unchanged.plan).toEqual(before.plan);
    expect(unchanged.revisions).toEqual(before.revisions);

    expect(await write('kommunchef', retitle('kommunchef'), retitled)).toBe('accepted');
    const after = await storedPlan();
    expect(after.plan?.goals[0]?.title).toBe(title);
    expect(after.revisions.at(-1)).toMatchObject({ by: 'kommunchef', reason: 'Rättelse' });
  });

  it('records a change to the adopted plan as a revision with who, when and why; refuses one without', async () => {
    const before = await storedPlan();
    const goal = before.plan?.goals[1];
    if (!goal) throw new Error('the demo plan has too few goals');
    // The stock client writing the field as before adoption, with its field edit but no revision.
    expect(
      await write(
        'kommunchef',
        (doc) => doc.getMap<Y.Map<unknown>>('goals').get(goal.id)?.set('title', 'Utan revision'),
        (doc) => readPlan(doc)?.goals[1]?.title === 'Utan revision',
      ),
    ).toBe('refused');
    // A revision that names another user than the one signed in.
    expect(
      await write(
        'kommunchef',
        (doc) => setPlanMeta(doc, 'mission', 'Som admin', editAs('admin', 'Rättelse')),
        (doc) => readPlan(doc)?.mission === 'Som admin',
      ),
    ).toBe('refused');
    expect((await storedPlan()).plan).toEqual(before.plan);

    const at = new Date('2015-06-12T10:30:00.000Z');
    expect(
      await write(
        'admin',
        (doc) =>
          setPlanMeta(doc, 'mission', 'Ale ska vara en bra kommun att leva i.', {
            author: { username: 'admin', displayName: 'Administratör' },
            reason: 'KF § 88/2015 ändrade uppdraget',
            at,
          }),
        (doc) => readPlan(doc)?.mission === 'Ale ska vara en bra kommun att leva i.',
      ),
    ).toBe('accepted');
    const after = await storedPlan();
    expect(after.plan?.mission).toBe('Ale ska vara en bra kommun att leva i.');
    expect(after.revisions.slice(before.revisions.length)).toEqual([
      {
        id: expect.any(String),
        by: 'admin',
        byName: 'Administratör',
        at: at.toISOString(),
        reason: 'KF § 88/2015 ändrade uppdraget',
        fields: [`${PLAN_ROOTS.meta}/mission`],
      },
    ]);
  });

  it("shows a plan field's history and restores it as a revision with a reason", async () => {
    const api = (username: string, method: string, path: string, body?: unknown) =>
      fetch(`${server.url}/api/documents/${PLAN}/${path}`, {
        method,
        headers: {
          authorization: `Bearer ${tokens[username]}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const history = async (field: string) => {
      const response = await api('lasare', 'GET', `history?field=${encodeURIComponent(field)}`);
      expect(response.status).toBe(200);
      return (await response.json()) as { entries: { seq: number; userId: string; value: unknown }[] };
    };
    const before = await storedPlan();
    const goal = before.plan?.goals[2];
    if (!goal) throw new Error('the demo plan has too few goals');
    const first = before.plan?.mission;
    for (const [username, mission] of [
      ['kommunchef', 'Första lydelsen'],
      ['admin', 'Andra lydelsen'],
    ] as const) {
      expect(
        await write(
          username,
          (doc) => {
            setPlanMeta(doc, 'mission', mission, editAs(username, 'Ny lydelse'));
            updatePlanEntity(
              doc,
              'goals',
              goal.id,
              { title: `${goal.title}: ${mission}` },
              editAs(username, 'Ny lydelse'),
            );
          },
          (doc) => readPlan(doc)?.mission === mission,
        ),
      ).toBe('accepted');
    }
    const mission = await history('meta/mission');
    expect(mission.entries.slice(0, 2).map((entry) => [entry.value, entry.userId])).toEqual([
      ['Andra lydelsen', ids.admin],
      ['Första lydelsen', ids.kommunchef],
    ]);
    const title = await history(`goals/${goal.id}/title`);
    expect(title.entries[0]).toMatchObject({ value: `${goal.title}: Andra lydelsen`, userId: ids.admin });
    // Paths the plan has no history for: the server's facts, unknown collections and fields.
    for (const field of ['meta/adoption', 'economicSummary/investments', `goals/${goal.id}/colour`]) {
      expect((await api('lasare', 'GET', `history?field=${encodeURIComponent(field)}`)).status).toBe(400);
    }

    // Restoring the first wording is a change of an adopted plan: it needs a reason.
    const seq = mission.entries[1]?.seq;
    expect((await api('chef-hr', 'POST', 'history/restore', { field: 'meta/mission', seq })).status).toBe(
      403,
    );
    const without = await api('kommunchef', 'POST', 'history/restore', { field: 'meta/mission', seq });
    expect(without.status).toBe(409);
    expect(
      (
        await api('kommunchef', 'POST', 'history/restore', {
          field: 'meta/mission',
          seq,
          reason: 'Tillbaka till första lydelsen',
        })
      ).status,
    ).toBe(200);
    const after = await storedPlan();
    expect(after.plan?.mission).toBe('Första lydelsen');
    expect(after.plan?.mission).not.toBe(first);
    expect(after.revisions.at(-1)).toMatchObject({
      by: 'kommunchef',
      reason: 'Tillbaka till första lydelsen',
      fields: ['meta/mission'],
    });
  });

  it('tells admin and kommunchef they write the plan, the others that they read it', async () => {
    const access = async (username: string) =>
      (
        await fetch(`${server.url}/api/documents/${PLAN}/access`, {
          headers: { authorization: `Bearer ${tokens[username]}` },
        })
      ).json();
    for (const username of ['admin', 'kommunchef']) {
      expect(await access(username)).toEqual({
        read: true,
        write: true,
        writeScope: 'all',
        readOnlyReason: null,
      });
    }
    for (const username of ['chef-hr', 'lasare']) {
      expect(await access(username)).toEqual({
        read: true,
        write: false,
        writeScope: 'none',
        readOnlyReason: 'role',
      });
    }
  });
});
