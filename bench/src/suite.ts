/**
 * The comparison scenarios, the same client load against every target: team editing and a
 * hot document (open-loop propagation latency), cold join, churn and durability.
 *
 * Every write is one a client may make in a Följsam report document (writeRules.ts in
 * @foljsam/domain): numbers under entity-id keys of `indicatorOutcomes`, each with its
 * `fieldEdits` entry by the signed-in user, and rich texts in `analysis:<kind>:<id>` roots
 * (an XmlFragment holding an XmlText) under 100 000 characters. Hocuspocus and y-websocket's
 * server accept anything, so the same workload is fair to all; a server that refuses a write
 * fails the scenario ({@link ClientPool.assertNoRefusals}).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { MAX_REPORT_TEXT_LENGTH, REPORT_ROOTS } from '@foljsam/domain';
import * as Y from 'yjs';
import { allSynced, type ClientPool } from './clients';
import { cpuSeconds } from './proc';
import { maximum, percentile, seededRandom } from './stats';
import { FOLJSAM_USER } from './targets/foljsam';
import type { BenchClient, RunningTarget, Target } from './targets/types';
import { type ServerUsage, totalRssMiB, withUsage } from './usage';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789 ';
const KEYS = 64;
const DRAIN_TIMEOUT_MS = 15_000;
const CONNECT_TIMEOUT_MS = 60_000;
/** The root map the map workloads write: a report's indicator outcomes (numbers or null). */
const OUTCOMES = REPORT_ROOTS.indicatorOutcomes;
/** Presence colours (the only client-chosen part of a Följsam presence's `user`). */
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

/**
 * Writes outcomes into one client's report document as Följsam's client does
 * (`setIndicatorOutcome` in @foljsam/domain): in one transaction the number under its key of
 * `indicatorOutcomes` and a `fieldEdits` entry by the signed-in user whose parent is the
 * previous edit of that key. Each client is the only writer of its keys, so that previous
 * edit is the field's only head, which the domain helper would find by reading the whole log
 * on every write; this keeps the load generator's cost constant. An update is about 230 bytes
 * (the padded map entries of earlier versions of this benchmark were about 200).
 */
class OutcomeWriter {
  private readonly lastEdit = new Map<string, string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly random: () => number,
  ) {}

  write(key: string, value: number): void {
    const id = this.editId();
    const parent = this.lastEdit.get(key);
    this.doc.transact(() => {
      this.doc.getMap<number>(OUTCOMES).set(key, value);
      this.doc.getArray<unknown>(REPORT_ROOTS.fieldEdits).push([
        {
          id,
          field: `${OUTCOMES}/${key}`,
          value,
          parents: parent ? [parent] : [],
          by: FOLJSAM_USER.username,
          byName: FOLJSAM_USER.displayName,
          at: new Date().toISOString(),
        },
      ]);
    });
    this.lastEdit.set(key, id);
  }

  /** 32 hex digits, like the domain's random edit ids, but from the seeded generator. */
  private editId(): string {
    let id = '';
    for (let i = 0; i < 4; i++)
      id += Math.floor(this.random() * 2 ** 32)
        .toString(16)
        .padStart(8, '0');
    return id;
  }
}

/** Writer `w`'s key for its update number `seq` (an entity id: lower-case, digits). */
const writerKey = (w: number, seq: number): string => `w${w}k${seq % KEYS}`;

/** The writer of a key written by {@link writerKey}, or -1 for another key. */
function writerOf(key: string): number {
  if (key[0] !== 'w') return -1;
  const w = Number.parseInt(key.slice(1, key.indexOf('k')), 10);
  return Number.isInteger(w) ? w : -1;
}

// ---------------------------------------------------------------------------------------------
// Editing: D documents × C clients, W writers per document, open loop; presence at P Hz.

export interface EditingConfig {
  documents: number;
  clientsPerDocument: number;
  writersPerDocument: number;
  /** Updates per second of each writer. */
  rate: number;
  /** Presence (awareness) updates per second of every client; 0 for none. */
  presenceHz: number;
  warmupMs: number;
  measureMs: number;
  /** First document index (documentName(offset + d)). */
  documentOffset: number;
  seed: number;
}

export interface EditingResult extends ServerUsage {
  samples: number;
  /** Updates the writers sent per second in the measured window (open loop: the offered rate). */
  updatesPerSecond: number;
  /** Updates that reached receivers per second in the measured window. */
  deliveriesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
  sendLagP99Ms: number;
  /** Observations expected but never made (a receiver missed or only saw a later value). */
  lost: number;
  connectSeconds: number;
  /** Several server processes: latency where writer and receiver are on different processes. */
  crossP50Ms: number;
  crossP99Ms: number;
  /**
   * Server CPU (all its processes) over the measured window, from the first measured update
   * sent to the last, as a share of one core: unlike _Srv CPU s_ it leaves out connecting and
   * the warm-up (JIT), so it compares the steady cost of the load.
   */
  loadCpuPercent: number;
}

export async function runEditing(
  target: Target,
  running: RunningTarget,
  pool: ClientPool,
  config: EditingConfig,
): Promise<EditingResult> {
  const { documents, clientsPerDocument: perDoc, writersPerDocument: writersPer } = config;
  const writerCount = documents * writersPer;
  const totalRate = writerCount * config.rate;
  const interval = 1000 / totalRate;
  const warmupEvents = Math.round((config.warmupMs / 1000) * totalRate);
  const totalEvents = warmupEvents + Math.round((config.measureMs / 1000) * totalRate);
  const random = seededRandom(config.seed);
  return withUsage(running.pids, async () => {
    const connectStart = performance.now();
    const byDoc: BenchClient[][] = [];
    // Which server process each client talks to (clients alternate between processes).
    const processOf: number[][] = [];
    const processes = running.wsUrls.length;
    for (let d = 0; d < documents; d++) {
      const name = target.documentName(config.documentOffset + d);
      processOf.push(Array.from({ length: perDoc }, (_, c) => (pool.clients.length + c) % processes));
      byDoc.push(Array.from({ length: perDoc }, () => pool.add(target, running, name)));
    }
    await allSynced(byDoc.flat(), CONNECT_TIMEOUT_MS);
    const connectSeconds = (performance.now() - connectStart) / 1000;
    const latencies: number[] = [];
    const crossLatencies: number[] = [];
    let observations = 0;
    // Send time of the first measured update; updates sent before it are the warm-up.
    let measuredFrom = Number.POSITIVE_INFINITY;
    // Writer w of document d is client w of that document; every other client receives. The
    // value written is the writer's send time, the key names the writer (writerKey).
    byDoc.forEach((clients, d) => {
      clients.forEach((client, c) => {
        const map: Y.Map<unknown> = client.doc.getMap(OUTCOMES);
        map.observe((event) => {
          if (event.transaction.local) return;
          const observedAt = performance.now();
          for (const key of event.keysChanged) {
            const sentAt = map.get(key);
            const w = writerOf(key);
            if (typeof sentAt !== 'number' || w < 0 || w === c) continue;
            observations++;
            if (sentAt < measuredFrom) continue;
            latencies.push(observedAt - sentAt);
            if (processOf[d]?.[c] !== processOf[d]?.[w]) crossLatencies.push(observedAt - sentAt);
          }
        });
      });
    });
    const writers = byDoc.map((clients) =>
      clients.slice(0, writersPer).map((client) => new OutcomeWriter(client.doc, random)),
    );
    // Presence: every client updates its awareness state presenceHz times per second, spread out.
    const allClients = byDoc.flat();
    let presenceTimer: NodeJS.Timeout | undefined;
    if (config.presenceHz > 0) {
      const slices = 10;
      let slice = 0;
      presenceTimer = setInterval(
        () => {
          for (let i = slice; i < allClients.length; i += slices) {
            allClients[i]?.setPresence({ color: COLOURS[Math.floor(random() * COLOURS.length)] });
          }
          slice = (slice + 1) % slices;
        },
        1000 / (config.presenceHz * slices),
      );
    }
    const sendLag: number[] = [];
    const sent = new Int32Array(writerCount);
    const serverCpu = () => running.pids.reduce((total, pid) => total + cpuSeconds(pid), 0);
    let measuredCpu = { seconds: 0, at: 0 };
    const start = performance.now() + 20;
    try {
      for (let k = 0; k < totalEvents; k++) {
        const due = start + k * interval;
        const wait = due - performance.now();
        if (wait > 0.5) await sleep(wait);
        const writer = k % writerCount;
        const d = Math.floor(writer / writersPer);
        const w = writer % writersPer;
        const seq = Math.floor(k / writerCount);
        const outcomes = writers[d]?.[w];
        if (!outcomes) continue;
        const sentAt = performance.now();
        if (k === warmupEvents) {
          measuredFrom = sentAt;
          measuredCpu = { seconds: serverCpu(), at: sentAt };
        }
        if (k >= warmupEvents) sendLag.push(Math.max(0, sentAt - due));
        outcomes.write(writerKey(w, seq), sentAt);
        sent[writer] = (sent[writer] ?? 0) + 1;
      }
    } finally {
      if (presenceTimer) clearInterval(presenceTimer);
    }
    const loadCpuPercent =
      ((serverCpu() - measuredCpu.seconds) / ((performance.now() - measuredCpu.at) / 1000)) * 100;
    const expected = totalEvents * (perDoc - 1);
    await waitFor(() => observations >= expected || pool.refusals().length > 0, DRAIN_TIMEOUT_MS);
    pool.assertNoRefusals(target.name);
    const measuredSeconds = config.measureMs / 1000;
    return {
      samples: latencies.length,
      updatesPerSecond: (totalEvents - warmupEvents) / measuredSeconds,
      deliveriesPerSecond: latencies.length / measuredSeconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      p999Ms: percentile(latencies, 99.9),
      maxMs: maximum(latencies),
      sendLagP99Ms: percentile(sendLag, 99),
      lost: Math.max(0, expected - observations),
      connectSeconds,
      crossP50Ms: percentile(crossLatencies, 50),
      crossP99Ms: percentile(crossLatencies, 99),
      loadCpuPercent,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Cold join.

export interface GeneratedDoc {
  label: string;
  update: Uint8Array;
  /** Names of the text roots (XmlFragments of one XmlText each); their texts add up to textLength. */
  roots: string[];
  textLength: number;
  operations: number;
  generateSeconds: number;
}

/**
 * Encoded size of one editing session. A session of 80 KB holds about 38 000 characters, well
 * under a Följsam report text's limit of 100 000 (MAX_REPORT_TEXT_LENGTH); one of 160 KB
 * held about 76 000.
 */
const PIECE_BYTES = 80_000;

/** A report text's root: the analysis of goal `bench-<i>` (rich text, as the editor writes it). */
const textRoot = (i: number): string => `analysis:goal:bench-${i}`;

/** The characters of a text root as a client reads them: its XmlText's length. */
function textLengthOf(doc: Y.Doc, root: string): number {
  const text = doc.getXmlFragment(root).get(0);
  return text instanceof Y.XmlText ? text.length : 0;
}

/**
 * One editing session by one client: seeded typing runs, cursor jumps and deletions, into
 * the XmlText of the XmlFragment `root` (Y.XmlText is a Y.Text).
 */
function editingSession(
  targetBytes: number,
  seed: number,
  clientID: number,
  root: string,
): { update: Uint8Array; operations: number; length: number } {
  const random = seededRandom(seed);
  const doc = new Y.Doc();
  doc.clientID = clientID;
  const text = new Y.XmlText();
  doc.getXmlFragment(root).insert(0, [text]);
  let cursor = 0;
  let operations = 0;
  let bytes = 0;
  while (bytes < targetBytes) {
    doc.transact(() => {
      for (let i = 0; i < 500; i++) {
        const roll = random();
        if (roll < 0.15) cursor = Math.floor(random() * (text.length + 1));
        if (roll > 0.92 && cursor > 0) {
          const count = Math.min(cursor, 1 + Math.floor(random() * 5));
          text.delete(cursor - count, count);
          cursor -= count;
        } else {
          const length = 1 + Math.floor(random() * 8);
          let chunk = '';
          for (let c = 0; c < length; c++) chunk += ALPHABET[Math.floor(random() * ALPHABET.length)];
          text.insert(cursor, chunk);
          cursor += length;
        }
        operations++;
      }
    });
    bytes = Y.encodeStateAsUpdate(doc).byteLength;
  }
  const update = Y.encodeStateAsUpdate(doc);
  const length = text.length;
  doc.destroy();
  return { update, operations, length };
}

/**
 * A document built from seeded text edits (Yjs's B4 editing trace is not available offline):
 * one client's session of typing runs of 1–8 characters, mostly at the cursor, sometimes
 * elsewhere, with some deletions, until the encoded state reaches {@link PIECE_BYTES}. A
 * document is as many such sessions by different clients as its size needs (2 for 160 KB, 200
 * for 16 MB), each into its own report text (`analysis:goal:bench-<i>`, an XmlFragment with
 * one XmlText), much as B4×100 is the trace 100 times.
 */
export function generateDoc(label: string, targetBytes: number, seed: number): GeneratedDoc {
  const began = performance.now();
  const pieces = Math.max(1, Math.round(targetBytes / PIECE_BYTES));
  const updates: Uint8Array[] = [];
  const roots: string[] = [];
  let operations = 0;
  let textLength = 0;
  for (let i = 0; i < pieces; i++) {
    const root = textRoot(i);
    const session = editingSession(Math.min(targetBytes, PIECE_BYTES), seed + i, i + 1, root);
    if (session.length > MAX_REPORT_TEXT_LENGTH)
      throw new Error(`${label}: ${root} has ${session.length} characters, more than a report text may hold`);
    operations += session.operations;
    textLength += session.length;
    updates.push(session.update);
    roots.push(root);
  }
  const update = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
  return {
    label,
    update,
    roots,
    textLength,
    operations,
    generateSeconds: (performance.now() - began) / 1000,
  };
}

export interface JoinResult extends ServerUsage {
  /** Time for one new client to receive the whole document, per generated doc label. */
  joinMs: Record<string, number>;
  /** Whether the join read the document from storage (seeder gone) or from memory. */
  fromStorage: boolean;
  /** 50 clients joining the small document at once: median and slowest. */
  crowdP50Ms: number;
  crowdMaxMs: number;
  /** Joins that did not get the whole document. */
  incomplete: number;
}

async function joinOnce(
  target: Target,
  running: RunningTarget,
  pool: ClientPool,
  name: string,
  generated: GeneratedDoc,
  timeoutMs: number,
): Promise<number> {
  const began = performance.now();
  const client = pool.add(target, running, name);
  const length = () => generated.roots.reduce((total, root) => total + textLengthOf(client.doc, root), 0);
  try {
    await allSynced([client], timeoutMs);
  } catch {
    return Number.NaN;
  }
  const complete = await waitFor(
    () => length() === generated.textLength || pool.refusals().length > 0,
    timeoutMs,
  );
  return complete && length() === generated.textLength ? performance.now() - began : Number.NaN;
}

export async function runColdJoin(
  target: Target,
  running: RunningTarget,
  pool: ClientPool,
  docs: readonly GeneratedDoc[],
  crowd: number,
  documentOffset: number,
): Promise<JoinResult> {
  // Documents not joined in this run (the large one only runs once) are NaN in the result.
  // Upload every document with a seeder client and check with a probe that the server has it.
  const seeders: BenchClient[] = [];
  for (const [index, generated] of docs.entries()) {
    const name = target.documentName(documentOffset + index);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, generated.update);
    const seeder = pool.add(target, running, name, doc);
    await allSynced([seeder], 60_000);
    const probe = await joinOnce(target, running, pool, name, generated, 60_000);
    pool.assertNoRefusals(target.name);
    if (!Number.isFinite(probe))
      throw new Error(`${target.name} never served the whole ${generated.label} document`);
    seeders.push(seeder);
  }
  // Durable servers: let the document go, so the join reads it back from storage. In-memory
  // servers would drop it (Hocuspocus) so the seeder stays connected there.
  if (target.durable) {
    for (const seeder of seeders) seeder.destroy();
    pool.destroyAll();
    await sleep(2500);
  }
  return withUsage(running.pids, async () => {
    const joinMs: Record<string, number> = {};
    let incomplete = 0;
    for (const [index, generated] of docs.entries()) {
      const ms = await joinOnce(
        target,
        running,
        pool,
        target.documentName(documentOffset + index),
        generated,
        60_000,
      );
      joinMs[generated.label] = ms;
      if (!Number.isFinite(ms)) incomplete++;
    }
    const small = docs[0];
    const crowdTimes: number[] = [];
    if (small) {
      const name = target.documentName(documentOffset);
      const times = await Promise.all(
        Array.from({ length: crowd }, () => joinOnce(target, running, pool, name, small, 60_000)),
      );
      for (const ms of times) {
        if (Number.isFinite(ms)) crowdTimes.push(ms);
        else incomplete++;
      }
    }
    pool.assertNoRefusals(target.name);
    return {
      joinMs,
      fromStorage: target.durable,
      crowdP50Ms: percentile(crowdTimes, 50),
      crowdMaxMs: maximum(crowdTimes),
      incomplete,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Churn: open and close many documents, RSS against the baseline.

export interface ChurnResult {
  documents: number;
  baselineRssMiB: number;
  afterRssMiB: number;
  /** afterRss / baseline − 1, in percent. */
  growthPercent: number;
  documentsPerSecond: number;
  failures: number;
  cpuSeconds: number;
}

/** Churn's one update of a document: its index as the outcome `opened`. */
function churnWrite(doc: Y.Doc, index: number): void {
  new OutcomeWriter(doc, seededRandom(index)).write('opened', index);
}

/**
 * Checks once that the server takes churn's update: a churned client leaves 20 ms after
 * writing, usually before a refusal could reach it. A second client must see the write.
 */
async function checkChurnWrite(target: Target, running: RunningTarget, pool: ClientPool, index: number) {
  const [writer, receiver] = await pool.connect(target, running, target.documentName(index), 2, 20_000);
  if (!writer || !receiver) return;
  churnWrite(writer.doc, index);
  const outcomes = receiver.doc.getMap(OUTCOMES);
  const seen = await waitFor(() => outcomes.has('opened') || pool.refusals().length > 0, 10_000);
  pool.assertNoRefusals(target.name);
  if (!seen || !outcomes.has('opened'))
    throw new Error(`${target.name}: churn's update never reached a second client`);
  pool.destroyAll();
}

async function churnBatch(
  target: Target,
  running: RunningTarget,
  pool: ClientPool,
  from: number,
  count: number,
  concurrency: number,
): Promise<number> {
  let next = from;
  let failures = 0;
  const end = from + count;
  const worker = async () => {
    while (next < end) {
      const index = next++;
      const client = pool.add(target, running, target.documentName(index));
      try {
        await allSynced([client], 20_000);
        churnWrite(client.doc, index);
        await sleep(20);
      } catch {
        failures++;
      } finally {
        client.destroy();
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  pool.assertNoRefusals(target.name);
  pool.destroyAll();
  return failures;
}

export async function runChurn(
  target: Target,
  running: RunningTarget,
  pool: ClientPool,
  documents: number,
  documentOffset: number,
): Promise<ChurnResult> {
  const concurrency = 20;
  // Warm up (JIT, pools, first allocations), then take the baseline.
  await churnBatch(target, running, pool, documentOffset, 100, concurrency);
  await checkChurnWrite(target, running, pool, documentOffset + 100 + documents);
  await sleep(3000);
  const baseline = totalRssMiB(running.pids);
  const result = await withUsage(running.pids, async () => {
    const began = performance.now();
    const failures = await churnBatch(target, running, pool, documentOffset + 100, documents, concurrency);
    return { failures, seconds: (performance.now() - began) / 1000 };
  });
  await sleep(3000);
  const after = totalRssMiB(running.pids);
  return {
    documents,
    baselineRssMiB: baseline,
    afterRssMiB: after,
    growthPercent: (after / baseline - 1) * 100,
    documentsPerSecond: documents / result.seconds,
    failures: result.failures,
    cpuSeconds: result.cpuSeconds,
  };
}

// ---------------------------------------------------------------------------------------------
// Durability: SIGKILL during editing, restart on the same data, count what clients had seen.

export interface DurabilityResult {
  documents: number;
  /** Updates some receiver had received before the kill. */
  received: number;
  /** Of those, missing from the document after the restart. */
  missing: number;
  /** Documents a fresh client could not sync after the restart. */
  unreachable: number;
}

export async function runDurability(
  target: Target,
  running: RunningTarget,
  pool: ClientPool,
  config: { documents: number; rate: number; editMs: number; documentOffset: number },
): Promise<DurabilityResult> {
  const pairs: { writer: BenchClient; receiver: BenchClient; seen: Set<string> }[] = [];
  for (let d = 0; d < config.documents; d++) {
    const name = target.documentName(config.documentOffset + d);
    const writer = pool.add(target, running, name);
    const receiver = pool.add(target, running, name);
    pairs.push({ writer, receiver, seen: new Set() });
  }
  await allSynced(
    pairs.flatMap((pair) => [pair.writer, pair.receiver]),
    CONNECT_TIMEOUT_MS,
  );
  for (const pair of pairs) {
    const map: Y.Map<unknown> = pair.receiver.doc.getMap(OUTCOMES);
    map.observe((event) => {
      for (const key of event.keysChanged) pair.seen.add(key);
    });
  }
  const random = seededRandom(config.documentOffset);
  const writers = pairs.map((pair) => new OutcomeWriter(pair.writer.doc, random));
  const interval = 1000 / (config.rate * config.documents);
  const start = performance.now();
  let k = 0;
  let killed = false;
  const killAt = start + config.editMs;
  // Keep writing through the kill for a moment, as real editors would.
  while (performance.now() < killAt + 200) {
    if (!killed && performance.now() >= killAt) {
      killed = true;
      await running.kill();
    }
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait > 0.5) await sleep(wait);
    writers[k % pairs.length]?.write(`s${Math.floor(k / pairs.length)}`, Date.now());
    k++;
  }
  // Freeze what the receivers had seen, and drop every client: their copies must not heal the server.
  const seen = pairs.map((pair) => new Set(pair.seen));
  // Refused writes would reach no receiver and so could not go missing either.
  pool.assertNoRefusals(target.name);
  if (seen.every((keys) => keys.size === 0)) throw new Error(`${target.name}: no update reached a receiver`);
  pool.destroyAll();
  await running.restart();
  let missing = 0;
  let unreachable = 0;
  let received = 0;
  const verifiers = pairs.map((_, d) =>
    pool.add(target, running, target.documentName(config.documentOffset + d)),
  );
  await Promise.all(
    verifiers.map(async (verifier, d) => {
      const keys = seen[d] ?? new Set<string>();
      received += keys.size;
      try {
        await allSynced([verifier], 20_000);
      } catch {
        unreachable++;
        missing += keys.size;
        return;
      }
      const map = verifier.doc.getMap(OUTCOMES);
      for (const key of keys) if (!map.has(key)) missing++;
    }),
  );
  pool.destroyAll();
  return { documents: config.documents, received, missing, unreachable };
}
