/**
 * The two scenarios, each on one fresh document with N clients in this process: client 0
 * writes, clients 1..N-1 receive. Latency comes from a high-resolution timestamp the writer
 * puts into every update (performance.now() is one clock for every client here).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type * as Y from 'yjs';
import type { ClientPool } from './clients';
import { cpuSeconds, machineCpuSeconds, peakRssMiB, resetPeakRss, rssMiB } from './proc';
import { maximum, percentile, seededRandom } from './stats';
import type { BenchClient, RunningTarget, Target } from './targets/types';

/** What the writer puts into the map: sequence number, send time, seeded padding. */
interface Entry {
  s: number;
  t: number;
  p: string;
}

/** Server-side cost of one scenario run, from /proc. */
export interface ServerUsage {
  /** VmRSS when the scenario started (after the peak was reset). */
  startRssMiB: number;
  /** VmHWM at the end: the peak since the scenario started (or since the process started). */
  peakRssMiB: number;
  /** Whether the peak could be reset at the start (else it includes the server's start-up). */
  peakReset: boolean;
  /** utime + stime used during the scenario (connect, send, drain). */
  cpuSeconds: number;
  /** Wall time of that window. */
  wallSeconds: number;
  /** CPU share of this load generator over the same window (100 = one core). */
  benchCpuPercent: number;
  /**
   * CPU share of everything else on the machine over the window (100 = one core): other
   * processes competing with the server or the clients make a run noisy.
   */
  otherCpuPercent: number;
  /** CPU share the hypervisor stole over the window (100 = one core). */
  stealPercent: number;
}

export interface LatencyResult extends ServerUsage {
  /** Receiver observations measured (after the warm-up). */
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** p99 of how late the writer sent against its schedule (shows the generator kept up). */
  sendLagP99Ms: number;
  /** Expected observations that never arrived. */
  lost: number;
  /** Observations that skipped or repeated a sequence number. */
  outOfOrder: number;
}

export interface ThroughputResult extends ServerUsage {
  /** Updates that reached every receiver, per second. */
  updatesPerSecond: number;
  /** Updates × receivers delivered, per second. */
  deliveriesPerSecond: number;
  /** Latency under this load (send → observe). */
  p50Ms: number;
  p99Ms: number;
  lost: number;
  outOfOrder: number;
}

export interface LatencyConfig {
  clients: number;
  /** Updates per second, on a fixed schedule. */
  rate: number;
  warmupMs: number;
  measureMs: number;
  seed: number;
}

export interface ThroughputConfig {
  clients: number;
  /** Most updates sent but not yet seen by every receiver. */
  window: number;
  warmupMs: number;
  measureMs: number;
  seed: number;
}

const KEYS = 64;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789 ';
const DRAIN_TIMEOUT_MS = 15_000;

interface Payload {
  key: string;
  pad: string;
}

/** `count` payloads from a seed: a key out of 64 and 16–255 characters of padding. */
function makePayloads(seed: number, count: number): Payload[] {
  const random = seededRandom(seed);
  const payloads: Payload[] = [];
  for (let i = 0; i < count; i++) {
    const key = `k${Math.floor(random() * KEYS)}`;
    const length = 16 + Math.floor(random() * 240);
    let pad = '';
    for (let c = 0; c < length; c++) pad += ALPHABET[Math.floor(random() * ALPHABET.length)];
    payloads.push({ key, pad });
  }
  return payloads;
}

function isEntry(value: unknown): value is Entry {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Entry).s === 'number' &&
    typeof (value as Entry).t === 'number'
  );
}

/** Calls `onEntry(receiverIndex, entry, observedAt)` for every update a receiver applies. */
function observeReceivers(
  receivers: BenchClient[],
  onEntry: (receiver: number, entry: Entry, observedAt: number) => void,
): void {
  receivers.forEach((client, index) => {
    const map: Y.Map<unknown> = client.doc.getMap('bench');
    map.observe((event) => {
      const observedAt = performance.now();
      for (const key of event.keysChanged) {
        const value = map.get(key);
        if (isEntry(value)) onEntry(index, value, observedAt);
      }
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

/** Measures server CPU, peak RSS and the generator's CPU around `body`. */
async function withUsage<T>(pid: number, body: () => Promise<T>): Promise<T & ServerUsage> {
  const peakReset = resetPeakRss(pid);
  const startRss = rssMiB(pid);
  const cpuBefore = cpuSeconds(pid);
  const benchBefore = process.cpuUsage();
  const machineBefore = machineCpuSeconds();
  const wallBefore = performance.now();
  const result = await body();
  const wallSeconds = (performance.now() - wallBefore) / 1000;
  const machineAfter = machineCpuSeconds();
  const bench = process.cpuUsage(benchBefore);
  const benchSeconds = (bench.user + bench.system) / 1e6;
  const serverSeconds = cpuSeconds(pid) - cpuBefore;
  const otherSeconds = Math.max(0, machineAfter.busy - machineBefore.busy - serverSeconds - benchSeconds);
  return {
    ...result,
    startRssMiB: startRss,
    peakRssMiB: peakRssMiB(pid),
    peakReset,
    cpuSeconds: serverSeconds,
    wallSeconds,
    benchCpuPercent: (benchSeconds / wallSeconds) * 100,
    otherCpuPercent: (otherSeconds / wallSeconds) * 100,
    stealPercent: ((machineAfter.steal - machineBefore.steal) / wallSeconds) * 100,
  };
}

/** Per-receiver bookkeeping shared by both scenarios. */
class Tracker {
  readonly highest: Int32Array;
  readonly received: Int32Array;
  outOfOrder = 0;

  constructor(receivers: number) {
    this.highest = new Int32Array(receivers).fill(-1);
    this.received = new Int32Array(receivers);
  }

  record(receiver: number, seq: number): void {
    if (seq !== (this.highest[receiver] ?? -1) + 1) this.outOfOrder++;
    this.highest[receiver] = Math.max(seq, this.highest[receiver] ?? -1);
    this.received[receiver] = (this.received[receiver] ?? 0) + 1;
  }

  allReached(seq: number): boolean {
    return this.highest.every((highest) => highest >= seq);
  }

  lost(sent: number): number {
    let lost = 0;
    for (const received of this.received) lost += Math.max(0, sent - received);
    return lost;
  }
}

/**
 * Open loop: update i is due at start + i / rate whatever happened to the ones before it; a
 * late writer catches up by sending back to back, it never skips or slows the schedule.
 */
export async function runLatency(
  target: Target,
  running: RunningTarget,
  pool: ClientPool,
  documentName: string,
  config: LatencyConfig,
): Promise<LatencyResult> {
  const interval = 1000 / config.rate;
  const warmupCount = Math.round((config.warmupMs / 1000) * config.rate);
  const total = warmupCount + Math.round((config.measureMs / 1000) * config.rate);
  const payloads = makePayloads(config.seed, total);
  return withUsage(running.pid, async () => {
    const clients = await pool.connect(target, running, documentName, config.clients);
    const [writer, ...receivers] = clients;
    if (!writer || receivers.length === 0) throw new Error('need a writer and at least one receiver');
    const tracker = new Tracker(receivers.length);
    const latencies: number[] = [];
    observeReceivers(receivers, (receiver, entry, observedAt) => {
      tracker.record(receiver, entry.s);
      if (entry.s >= warmupCount) latencies.push(observedAt - entry.t);
    });
    const map: Y.Map<unknown> = writer.doc.getMap('bench');
    const sendLag: number[] = [];
    const start = performance.now() + 20;
    for (let seq = 0; seq < total; seq++) {
      const due = start + seq * interval;
      const wait = due - performance.now();
      if (wait > 0.5) await sleep(wait);
      const payload = payloads[seq] as Payload;
      const sentAt = performance.now();
      if (seq >= warmupCount) sendLag.push(Math.max(0, sentAt - due));
      map.set(payload.key, { s: seq, t: sentAt, p: payload.pad } satisfies Entry);
    }
    await waitFor(() => tracker.allReached(total - 1), DRAIN_TIMEOUT_MS, 'the last update').catch(() => {
      // Counted as lost below.
    });
    return {
      samples: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: maximum(latencies),
      sendLagP99Ms: percentile(sendLag, 99),
      lost: tracker.lost(total),
      outOfOrder: tracker.outOfOrder,
    };
  });
}

/**
 * Closed window: the writer keeps `window` updates in flight (sent but not yet seen by every
 * receiver) and sends the next one as soon as the oldest has reached everyone.
 */
export async function runThroughput(
  target: Target,
  running: RunningTarget,
  pool: ClientPool,
  documentName: string,
  config: ThroughputConfig,
): Promise<ThroughputResult> {
  const payloads = makePayloads(config.seed, 1024);
  return withUsage(running.pid, async () => {
    const clients = await pool.connect(target, running, documentName, config.clients);
    const [writer, ...receivers] = clients;
    if (!writer || receivers.length === 0) throw new Error('need a writer and at least one receiver');
    const tracker = new Tracker(receivers.length);
    const ringSize = config.window * 4;
    const seenBy = new Uint16Array(ringSize);
    let complete = -1; // every update up to this seq has reached every receiver
    let wake: (() => void) | undefined;
    let measureFrom = Number.POSITIVE_INFINITY;
    let measureTo = Number.POSITIVE_INFINITY;
    let completeInWindow = 0;
    let deliveriesInWindow = 0;
    const latencies: number[] = [];
    observeReceivers(receivers, (receiver, entry, observedAt) => {
      tracker.record(receiver, entry.s);
      const inWindow = observedAt >= measureFrom && observedAt < measureTo;
      if (inWindow) {
        deliveriesInWindow++;
        latencies.push(observedAt - entry.t);
      }
      const slot = entry.s % ringSize;
      seenBy[slot] = (seenBy[slot] ?? 0) + 1;
      let advanced = false;
      while (seenBy[(complete + 1) % ringSize] === receivers.length) {
        seenBy[(complete + 1) % ringSize] = 0;
        complete++;
        advanced = true;
        if (inWindow) completeInWindow++;
      }
      if (advanced && wake) {
        const resolve = wake;
        wake = undefined;
        resolve();
      }
    });
    const map: Y.Map<unknown> = writer.doc.getMap('bench');
    const start = performance.now();
    measureFrom = start + config.warmupMs;
    measureTo = measureFrom + config.measureMs;
    let sent = 0;
    while (performance.now() < measureTo) {
      while (sent - (complete + 1) < config.window) {
        const payload = payloads[sent % payloads.length] as Payload;
        map.set(payload.key, { s: sent, t: performance.now(), p: payload.pad } satisfies Entry);
        sent++;
      }
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve, reject) => {
        wake = resolve;
        timer = setTimeout(
          () => reject(new Error(`no update completed for ${DRAIN_TIMEOUT_MS} ms`)),
          DRAIN_TIMEOUT_MS,
        );
      }).finally(() => clearTimeout(timer));
    }
    await waitFor(() => tracker.allReached(sent - 1), DRAIN_TIMEOUT_MS, 'the last update').catch(() => {
      // Counted as lost below.
    });
    const seconds = config.measureMs / 1000;
    return {
      updatesPerSecond: completeInWindow / seconds,
      deliveriesPerSecond: deliveriesInWindow / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      lost: tracker.lost(sent),
      outOfOrder: tracker.outOfOrder,
    };
  });
}
