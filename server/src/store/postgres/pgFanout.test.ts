import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  encodeAwareness,
  encodeSessionsEnded,
  encodeUpdatesStored,
  MAX_NOTIFY_PAYLOAD_BYTES,
  MalformedNotificationError,
} from '../sql/notifications';
import type { EndedSessions, Store } from '../types';
import { listenerApplicationName, type PgFanout, startPgFanout } from './pgFanout';
import { openPostgresStore } from './postgresStore';
import { TEST_DATABASE_URL as DATABASE_URL, testSchemas } from './testDatabase';

// Each run gets schemas of its own, dropped at the end (a bare fan-out creates none, but a store does).
const newSchema = testSchemas();

const admin = new pg.Client({ connectionString: DATABASE_URL });
let adminConnected: Promise<unknown> | undefined;
/** A connection of the test's own, for pg_notify and pg_terminate_backend. */
async function sql<Row extends pg.QueryResultRow>(text: string, params?: unknown[]): Promise<Row[]> {
  adminConnected ??= admin.connect();
  await adminConnected;
  return (await admin.query<Row>(text, params)).rows;
}

afterAll(async () => {
  await admin.end();
});

const closing: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((item) => item.close()));
});

/** What a fan-out heard, and the errors it reported. */
interface Ear {
  updates: [string, number, Uint8Array[] | undefined][];
  awareness: [string, Uint8Array][];
  sessions: EndedSessions[];
  reconnects: number;
  errors: unknown[];
}

function listenTo(fanout: PgFanout | Store['fanout'], errors: unknown[] = []): Ear {
  if (!fanout) throw new Error('the store has no fan-out');
  const ear: Ear = { updates: [], awareness: [], sessions: [], reconnects: 0, errors };
  fanout.onUpdatesStored((docName, lastSeq, updates) => ear.updates.push([docName, lastSeq, updates]));
  fanout.onAwareness((docName, update) => ear.awareness.push([docName, update]));
  fanout.onSessionsEnded((ended) => ear.sessions.push(ended));
  fanout.onReconnected(() => ear.reconnects++);
  return ear;
}

async function fanoutOn(schema: string): Promise<{ fanout: PgFanout; ear: Ear }> {
  const errors: unknown[] = [];
  const fanout = await startPgFanout(DATABASE_URL, schema, (error) => errors.push(error));
  closing.push(fanout);
  return { fanout, ear: listenTo(fanout, errors) };
}

async function storeOn(schema: string): Promise<{ store: Store; ear: Ear }> {
  const errors: unknown[] = [];
  const store = await openPostgresStore(DATABASE_URL, {
    schema,
    onFanoutError: (error) => errors.push(error),
  });
  closing.push(store);
  return { store, ear: listenTo(store.fanout, errors) };
}

/** Waits until `condition` holds; fails (rather than hangs) when it never does. */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Sends a marker presence update on the schema and waits until `to` has it. Notifications reach
 * every listener in commit order, so after it nothing sent before is still on its way to `to`.
 */
async function marker(schema: string, to: Ear, docName = 'marker'): Promise<void> {
  const before = to.awareness.length;
  const payload = encodeAwareness({ docName, origin: 'the test', update: new Uint8Array([1]) });
  await sql('select pg_notify($1, $2)', [`foljsam_a_${schema}`, payload]);
  await until(() => to.awareness.slice(before).some(([name]) => name === docName), `the marker ${docName}`);
}

describe('PostgreSQL fan-out', () => {
  it('tells the other processes on the schema about stored updates, presence and ended sessions, not itself', async () => {
    const schema = newSchema('fanout_pair');
    const { store, ear: writer } = await storeOn(schema);
    const { fanout: other, ear: listener } = await fanoutOn(schema);

    await store.documents.appendUpdates('plan:2015', [
      { data: new Uint8Array([1]), userId: 'u' },
      { data: new Uint8Array([2, 3]), userId: 'u' },
    ]);
    await until(() => listener.updates.length === 1, 'the updates notification');
    expect(listener.updates).toEqual([['plan:2015', 2, [new Uint8Array([1]), new Uint8Array([2, 3])]]]);

    store.fanout?.publishAwareness('plan:2015', new Uint8Array([9, 8, 7]));
    store.fanout?.publishSessionsEnded({ tokenHash: 'ab'.repeat(32) });
    store.fanout?.publishSessionsEnded({ userId: 'user-1' });
    await store.fanout?.flush();
    await until(() => listener.sessions.length === 2, 'the ended sessions');
    expect(listener.awareness).toEqual([['plan:2015', new Uint8Array([9, 8, 7])]]);
    expect(listener.sessions).toEqual([{ tokenHash: 'ab'.repeat(32) }, { userId: 'user-1' }]);

    // The other way round, and the writer heard none of its own.
    other.publishAwareness('report:2015-03:hr', new Uint8Array([5]));
    other.publishSessionsEnded({ userId: 'user-2' });
    await other.flush();
    await until(() => writer.sessions.length === 1, 'the other process’s ended session');
    expect(writer.awareness).toEqual([['report:2015-03:hr', new Uint8Array([5])]]);
    expect(writer.sessions).toEqual([{ userId: 'user-2' }]);
    expect(writer.updates).toEqual([]);
    // And the listener none of its own.
    await marker(schema, listener);
    expect(listener.sessions).toHaveLength(2);
    expect(listener.awareness.map(([name]) => name)).toEqual(['plan:2015', 'marker']);
    expect([...writer.errors, ...listener.errors]).toEqual([]);
  });

  it('decodes an updates notification sent with pg_notify, with or without its updates inline', async () => {
    const schema = newSchema('fanout_notify');
    const { fanout, ear } = await fanoutOn(schema);
    const origin = 'another-process';
    await sql('select pg_notify($1, $2)', [
      fanout.updatesChannel,
      encodeUpdatesStored({
        docName: 'plan:2015',
        lastSeq: 7,
        count: 1,
        origin,
        updates: [new Uint8Array([4])],
      }),
    ]);
    await sql('select pg_notify($1, $2)', [
      fanout.updatesChannel,
      encodeUpdatesStored({
        docName: 'plan:2015',
        lastSeq: 8,
        count: 1,
        origin,
        updates: [new Uint8Array(9000)],
      }),
    ]);
    await until(() => ear.updates.length === 2, 'both notifications');
    expect(ear.updates).toEqual([
      ['plan:2015', 7, [new Uint8Array([4])]],
      ['plan:2015', 8, undefined],
    ]);
  });

  it('sends presence up to exactly PostgreSQL’s payload limit', async () => {
    const schema = newSchema('fanout_limit');
    const { fanout: sender, ear: senderEar } = await fanoutOn(schema);
    const { ear } = await fanoutOn(schema);
    // PostgreSQL itself refuses one byte more than the codec allows.
    await expect(
      sql("select pg_notify('foljsam_limit_probe', repeat('x', $1::int))", [MAX_NOTIFY_PAYLOAD_BYTES + 1]),
    ).rejects.toThrow(/payload string too long/);
    const encode = (update: Uint8Array) =>
      encodeAwareness({ docName: 'plan:2015', origin: sender.processId, update });
    const overhead = encode(new Uint8Array(0))?.length ?? Infinity;
    const largest = new Uint8Array(Math.floor((MAX_NOTIFY_PAYLOAD_BYTES - overhead) / 4) * 3).fill(3);
    expect(encode(largest)?.length).toBeGreaterThan(MAX_NOTIFY_PAYLOAD_BYTES - 4);
    expect(encode(new Uint8Array(largest.byteLength + 1))).toBeUndefined();
    sender.publishAwareness('plan:2015', largest);
    // One byte more is not forwarded at all (and no error: presence is best effort).
    sender.publishAwareness('plan:2015', new Uint8Array(largest.byteLength + 1));
    await sender.flush();
    await marker(schema, ear);
    expect(ear.awareness).toEqual([
      ['plan:2015', largest],
      ['marker', new Uint8Array([1])],
    ]);
    expect([...senderEar.errors, ...ear.errors]).toEqual([]);
  });

  it('keeps schemas apart: another workspace hears nothing', async () => {
    const here = newSchema('fanout_here');
    const there = newSchema('fanout_there');
    const { store } = await storeOn(here);
    const { ear: hereEar } = await fanoutOn(here);
    const { ear: thereEar } = await fanoutOn(there);

    await store.documents.appendUpdates('plan:2015', [{ data: new Uint8Array([1]), userId: 'u' }]);
    store.fanout?.publishAwareness('plan:2015', new Uint8Array([2]));
    store.fanout?.publishSessionsEnded({ userId: 'user-1' });
    await store.fanout?.flush();
    await until(() => hereEar.sessions.length === 1, 'the notifications in their own schema');
    // Sent after everything above was committed: once it is heard there, nothing else will be.
    await marker(there, thereEar);
    expect(thereEar.updates).toEqual([]);
    expect(thereEar.sessions).toEqual([]);
    expect(thereEar.awareness.map(([name]) => name)).toEqual(['marker']);
    expect(hereEar.awareness.map(([name]) => name)).toEqual(['plan:2015']);
  });

  it('reconnects when its listening connection is killed, and hears and publishes again', async () => {
    const schema = newSchema('fanout_kill');
    const { fanout, ear } = await fanoutOn(schema);
    const listening = async () =>
      (
        await sql<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [
          listenerApplicationName(schema),
        ])
      ).map((row) => row.pid);
    const [pid, ...others] = await listening();
    expect(pid).toBeDefined();
    expect(others).toEqual([]);

    await sql('select pg_terminate_backend($1)', [pid]);
    await until(() => ear.reconnects > 0, 'the reconnection');
    expect(ear.errors.length).toBeGreaterThan(0);
    const [newPid] = await listening();
    expect(newPid).toBeDefined();
    expect(newPid).not.toBe(pid);

    // Listening again on every channel.
    await sql('select pg_notify($1, $2)', [
      fanout.updatesChannel,
      encodeUpdatesStored({ docName: 'plan:2015', lastSeq: 1, count: 1, origin: 'another process' }),
    ]);
    await sql('select pg_notify($1, $2)', [
      `foljsam_s_${schema}`,
      encodeSessionsEnded({ origin: 'another process', ended: { userId: 'user-1' } }),
    ]);
    await marker(schema, ear);
    expect(ear.updates).toEqual([['plan:2015', 1, undefined]]);
    expect(ear.sessions).toEqual([{ userId: 'user-1' }]);
    // And publishing again.
    const { ear: otherEar } = await fanoutOn(schema);
    fanout.publishAwareness('plan:2015', new Uint8Array([6]));
    await until(() => otherEar.awareness.length === 1, 'presence from the reconnected fan-out');
    expect(otherEar.awareness).toEqual([['plan:2015', new Uint8Array([6])]]);
    // One reconnection for one kill, and no connection left behind (the other is the other
    // fan-out's).
    expect(ear.reconnects).toBe(1);
    expect(await listening()).toHaveLength(2);
  });

  it('reports a malformed payload and ignores it', async () => {
    const schema = newSchema('fanout_malformed');
    const { fanout, ear } = await fanoutOn(schema);
    const channels = {
      updates: fanout.updatesChannel,
      awareness: `foljsam_a_${schema}`,
      sessions: `foljsam_s_${schema}`,
    };
    const malformed: [string, string][] = [
      [channels.updates, 'not json'],
      [channels.updates, '{"d":"plan:2015","s":"7","n":1}'],
      [channels.updates, '{"d":"plan:2015","s":7,"n":2,"u":["AQ=="]}'],
      [channels.updates, ''],
      [channels.awareness, '{"d":"plan:2015","p":"x","u":"%%%"}'],
      [channels.sessions, '{"p":"x"}'],
    ];
    for (const [channel, payload] of malformed) await sql('select pg_notify($1, $2)', [channel, payload]);
    await marker(schema, ear);
    expect(ear.updates).toEqual([]);
    expect(ear.sessions).toEqual([]);
    expect(ear.awareness.map(([name]) => name)).toEqual(['marker']);
    expect(ear.errors).toHaveLength(malformed.length);
    for (const error of ear.errors) expect(error).toBeInstanceOf(MalformedNotificationError);
    expect(ear.errors.map((error) => (error as MalformedNotificationError).kind)).toEqual([
      'updates',
      'updates',
      'updates',
      'updates',
      'awareness',
      'sessions',
    ]);
  });
});
