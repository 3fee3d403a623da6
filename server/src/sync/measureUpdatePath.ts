/**
 * Prints what the sync path costs per client update (issue #17), step by step, for the
 * benchmark's team workload (bench/src/suite.ts: a number under a key of `indicatorOutcomes`
 * with its `fieldEdits` entry, about 230 bytes): run from server/ with
 * `node --import tsx src/sync/measureUpdatePath.ts`. Each step runs on the same updates, in
 * order, against a server document that has applied the ones before; CPU per update.
 */
import { REPORT_ROOTS, reportDocumentRef } from '@foljsam/domain';
import pino from 'pino';
import * as Y from 'yjs';
import type { User } from '../store/types';
import { Connection } from './Connection';
import { decodeClientMessage, encodeSyncStep1, encodeUpdate } from './protocol';
import { analyzeUpdate } from './updateEffect';
import { domainWritePolicy } from './WritePolicy';
import { checkChange } from './writeGuard';
import { applyCollecting, changesNothing, holdsAllOf, holdsItemsOf } from './yjsUpdates';

const COUNT = Number(process.env.COUNT ?? 3000);
const user: User = {
  id: 'u1',
  username: 'kommunchef',
  displayName: 'Kommunchef',
  role: 'kommunchef',
  departmentId: null,
};
const ref = reportDocumentRef('2099-01', 'bench-0');
if (!ref) throw new Error('no report ref');
const connection = new Connection(
  1,
  user,
  'report:2099-01:bench-0',
  ref,
  'all',
  { send() {}, close() {}, readyState: 1, bufferedAmount: 0 },
  pino({ level: 'silent' }),
);

/** The writer's updates, as the benchmark's clients make them. */
const client = new Y.Doc();
function makeUpdates(): Uint8Array[] {
  const updates: Uint8Array[] = [];
  client.on('update', (update: Uint8Array) => updates.push(update));
  const last = new Map<string, string>();
  for (let index = 0; index < COUNT; index++) {
    const key = `w0k${index % 64}`;
    const id = `${index.toString(16).padStart(32, '0')}`;
    client.transact(() => {
      client.getMap<number>(REPORT_ROOTS.indicatorOutcomes).set(key, index);
      client.getArray<unknown>(REPORT_ROOTS.fieldEdits).push([
        {
          id,
          field: `${REPORT_ROOTS.indicatorOutcomes}/${key}`,
          value: index,
          parents: last.has(key) ? [last.get(key)] : [],
          by: user.username,
          byName: user.displayName,
          at: new Date().toISOString(),
        },
      ]);
    });
    last.set(key, id);
  }
  return updates;
}

const updates = makeUpdates();
const frames = new Map(updates.map((update) => [update, encodeUpdate(update)]));
const steps: Record<string, (doc: Y.Doc, update: Uint8Array) => unknown> = {
  'decodeClientMessage (the frame, with its validation)': (_doc, update) =>
    decodeClientMessage(frames.get(update) as Uint8Array),
  'analyzeUpdate (decode, re-encode, effect)': (doc, update) => analyzeUpdate(doc, update),
  'checkChange (analyzeUpdate + the report rules)': (doc, update) =>
    checkChange(doc, ref, user, 'all', update),
  'Y.snapshot + snapshotContainsUpdate (wouldChange)': (doc, update) =>
    Y.snapshotContainsUpdate(Y.snapshot(doc), update),
  'domainWritePolicy.check (all of the write check)': (() => {
    let policy: ReturnType<ReturnType<typeof domainWritePolicy>> | null = null;
    return (doc: Y.Doc, update: Uint8Array) => {
      policy ??= domainWritePolicy({ maxDocumentBytes: 1e9 })(doc);
      return policy.check({ doc, storedBytes: 0 }, connection, update);
    };
  })(),
  'holdsAllOf (a new update: told apart from a resend)': (doc, update) => holdsAllOf(doc, update),
  'encodeUpdate (the broadcast message)': (_doc, update) => encodeUpdate(update),
  'encodeSyncStep1 (an acknowledgement)': (doc) => encodeSyncStep1(doc),
};

const server = new Y.Doc();
let applyMicros = 0;
const totals = new Map<string, number>(Object.keys(steps).map((name) => [name, 0]));
for (let round = 0; round < 2; round++) {
  // Round 0 warms the JIT up on a copy; round 1 is measured.
  const doc = round === 0 ? new Y.Doc() : server;
  for (const update of updates) {
    for (const [name, step] of Object.entries(steps)) {
      const cpu = process.cpuUsage();
      step(doc, update);
      const used = process.cpuUsage(cpu);
      if (round === 1) totals.set(name, (totals.get(name) ?? 0) + used.user + used.system);
    }
    const cpu = process.cpuUsage();
    applyCollecting(doc, update, connection);
    const used = process.cpuUsage(cpu);
    if (round === 1) applyMicros += used.user + used.system;
  }
}
for (const [name, micros] of totals)
  console.log(`${name.padEnd(55)} ${(micros / COUNT).toFixed(1).padStart(6)} µs/update`);
console.log(
  `${'applyCollecting (apply, collect the effective update)'.padEnd(55)} ${(applyMicros / COUNT).toFixed(1).padStart(6)} µs/update`,
);

// A client's answer to a "stored" acknowledgement (a sync step 1): its delete set, which the
// server has; what the server did with it before 2026-12-07 (the write check and applying it)
// against the shortcut that reads it from the bytes.
const answer = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
const per = (run: () => unknown, times = 300) => {
  const cpu = process.cpuUsage();
  for (let index = 0; index < times; index++) run();
  const used = process.cpuUsage(cpu);
  return ((used.user + used.system) / times).toFixed(1).padStart(6);
};
const policy = domainWritePolicy({ maxDocumentBytes: 1e9 })(server);
console.log(`\nan acknowledgement's answer, ${answer.byteLength} bytes (after ${COUNT} updates):`);
console.log(
  `${'  write check + applyCollecting (the full path)'.padEnd(55)} ${per(() => {
    const verdict = policy.check({ doc: server, storedBytes: 0 }, connection, answer);
    if (verdict.ok) applyCollecting(server, verdict.update, connection);
  })} µs`,
);
console.log(`${'  changesNothing'.padEnd(55)} ${per(() => changesNothing(server, answer))} µs`);
// What a stock client spends writing that answer (y-protocols' sync step 2); Följsam's own
// client writes none after the handshake (answerHandshakeOnly, client/src/sync/serverStateVector.ts).
const serverStateVector = Y.encodeStateVector(server);
console.log(
  `${"  the client writing it (a stock client's sync step 2)".padEnd(55)} ${per(() => Y.encodeStateAsUpdate(client, serverStateVector))} µs`,
);

// A client resending an update the server holds (about one update in ten under the team load):
// what the server did with it before 2026-12-07 (the write check, applying it, holdsItemsOf)
// against the shortcut that answers it before the queue.
const resend = updates[updates.length - 1] as Uint8Array;
console.log(`\na resend of a held update, ${resend.byteLength} bytes:`);
console.log(
  `${'  write check + applyCollecting + holdsItemsOf'.padEnd(55)} ${per(() => {
    const verdict = policy.check({ doc: server, storedBytes: 0 }, connection, resend);
    if (verdict.ok) applyCollecting(server, verdict.update, connection);
    holdsItemsOf(server, resend);
  })} µs`,
);
console.log(`${'  holdsAllOf'.padEnd(55)} ${per(() => holdsAllOf(server, resend))} µs`);
