// Browser side of bench/src/durabilityOptions.ts, loaded as an ES module by its test page.
// Plain JavaScript: it is served as is, without a bundler; the libraries are the client's own
// copies in node_modules, imported by URL.
//
// Each option takes "keystrokes" (Yjs-update-sized byte arrays) through `write(update, report)`
// and calls `report(point)` when the keystroke reaches one of its points: `durable` for every
// option, `resolved` too for PGlite with relaxed durability (where `syncToFs()` resolves before
// the data is written).
import { openDB } from '/lib/idb/build/index.js';

const DOC = 'report:2015-05:hr';
const LOCAL_STORAGE_PREFIX = 'bench.durability.';

function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

let changeCounter = 0;
/** A change id like the app's (unique per keystroke, also across reloads). */
function nextChangeId() {
  changeCounter += 1;
  return `${Date.now().toString(36)}-${changeCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * The client's journal (client/src/local/journal.ts) reduced to its write: the same object
 * store and indexes, one read-write transaction per keystroke with an explicit commit().
 */
class JournalOption {
  constructor(durability) {
    this.durability = durability;
    this.points = ['durable'];
  }

  async open() {
    this.db = await openDB(`bench-journal-${this.durability}`, 1, {
      upgrade(database) {
        const entries = database.createObjectStore('entries', { keyPath: 'seq', autoIncrement: true });
        entries.createIndex('byDoc', 'docName');
        entries.createIndex('byChange', 'changeId', { unique: true });
      },
    });
  }

  write(update, report) {
    const tx = this.db.transaction('entries', 'readwrite', { durability: this.durability });
    void tx.store.add({ changeId: nextChangeId(), docName: DOC, update, fields: ['analysis'] });
    tx.commit();
    tx.done.then(
      () => report('durable'),
      (error) => report('failed', String(error)),
    );
  }

  count() {
    return this.db.count('entries');
  }

  async close() {
    this.db.close();
  }
}

/** localStorage.setItem of the update (base64, as the journal's shadow stores it). */
class LocalStorageOption {
  constructor() {
    this.points = ['durable'];
  }

  async open() {}

  write(update, report) {
    localStorage.setItem(`${LOCAL_STORAGE_PREFIX}${nextChangeId()}`, toBase64(update));
    report('durable');
  }

  async count() {
    return Object.keys(localStorage).filter((key) => key.startsWith(LOCAL_STORAGE_PREFIX)).length;
  }

  async close() {}
}

/** PGlite in a dedicated worker (as the app runs it); see pgliteWorker.js. */
class WorkerOption {
  constructor(mode) {
    this.mode = mode;
    this.points = mode === 'idb-relaxed-batched' ? ['resolved', 'durable'] : ['durable'];
    this.reports = new Map();
    this.calls = new Map();
    this.nextId = 0;
  }

  async open() {
    this.worker = new Worker('/bench/pgliteWorker.js', { type: 'module' });
    this.worker.onmessage = ({ data }) => {
      if (data.type === 'point') {
        const report = this.reports.get(data.id);
        report?.(data.point, data.error);
        if (data.point === 'failed' || data.point === this.points[this.points.length - 1]) {
          this.reports.delete(data.id);
        }
      } else if (data.type === 'answer') {
        const call = this.calls.get(data.id);
        this.calls.delete(data.id);
        if (data.error) call?.reject(new Error(data.error));
        else call?.resolve(data.value);
      }
    };
    this.worker.onerror = (event) => {
      const error = new Error(`worker error: ${event.message}`);
      for (const call of this.calls.values()) call.reject(error);
      this.calls.clear();
    };
    await this.call('open', { mode: this.mode });
  }

  call(type, fields = {}) {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.worker.postMessage({ type, id, ...fields });
    });
  }

  write(update, report) {
    const id = ++this.nextId;
    this.reports.set(id, report);
    this.worker.postMessage({ type: 'write', id, changeId: nextChangeId(), update });
  }

  count() {
    return this.call('count');
  }

  async close() {
    if (!this.worker) return;
    try {
      await this.call('close');
    } finally {
      this.worker.terminate();
    }
  }
}

function createOption(name) {
  switch (name) {
    case 'pglite-idb-strict':
      return new WorkerOption('idb-strict');
    case 'pglite-idb-relaxed-batched':
      return new WorkerOption('idb-relaxed-batched');
    case 'journal-strict':
      return new JournalOption('strict');
    case 'journal-relaxed':
      return new JournalOption('relaxed');
    case 'pglite-opfs-ahp':
      return new WorkerOption('opfs-ahp');
    case 'local-storage':
      return new LocalStorageOption();
    default:
      throw new Error(`unknown option ${name}`);
  }
}

// A MessageChannel hop is a new task without setTimeout's 4 ms clamp: "back-to-back" keystrokes
// are each their own task, as typed keys are, but with nothing between them.
const channel = new MessageChannel();
const hops = [];
channel.port1.onmessage = () => hops.shift()?.();
function nextTask() {
  return new Promise((resolve) => {
    hops.push(resolve);
    channel.port2.postMessage(null);
  });
}

function sleepUntil(time) {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, time - performance.now())));
}

let option = null;

/**
 * Writes `payloads` (base64) as keystrokes, one every `intervalMs` (open loop: a keystroke
 * never waits for the one before it to be durable), or back to back with `intervalMs` 0.
 * Resolves when every keystroke reached every point of the option (or only `until`, when
 * given), with the milliseconds from each write call to each point, in keystroke order.
 */
async function run({ payloads, intervalMs, timeoutMs, until }) {
  const updates = payloads.map(fromBase64);
  if (until && !option.points.includes(until)) throw new Error(`this option has no point ${until}`);
  const points = until ? [until] : option.points;
  const latencies = Object.fromEntries(
    option.points.map((point) => [point, new Array(updates.length).fill(null)]),
  );
  const lateness = [];
  const failures = [];
  let outstanding = updates.length * points.length;
  let finish;
  const finished = new Promise((resolve) => {
    finish = resolve;
  });
  if (outstanding === 0) finish();
  const began = performance.now();
  for (let i = 0; i < updates.length; i++) {
    if (intervalMs > 0) {
      const due = began + i * intervalMs;
      await sleepUntil(due);
      lateness.push(performance.now() - due);
    } else if (i > 0) {
      await nextTask();
    }
    const start = performance.now();
    option.write(updates[i], (point, error) => {
      const now = performance.now();
      if (point === 'failed') {
        failures.push(`keystroke ${i}: ${error}`);
        finish();
        return;
      }
      if (latencies[point][i] !== null) return;
      latencies[point][i] = now - start;
      if (!points.includes(point)) return;
      outstanding -= 1;
      if (outstanding === 0) finish();
    });
  }
  const issuedMs = performance.now() - began;
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([finished, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') failures.push(`not every keystroke was durable within ${timeoutMs} ms`);
  return { latencies, lateness, failures, issuedMs, totalMs: performance.now() - began };
}

globalThis.durabilityBench = {
  /** Opens an option (its database, worker); resolves with the milliseconds it took. */
  async open(name) {
    const began = performance.now();
    option = createOption(name);
    await option.open();
    return performance.now() - began;
  },
  run,
  /** Keystrokes stored by the current option, read back from its storage. */
  count() {
    return option.count();
  },
  async close() {
    await option?.close();
    option = null;
  },
};
