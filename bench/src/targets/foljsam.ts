/**
 * Följsam's own server as child process(es) (`node server/dist/main.js`, built by `pnpm build`),
 * as `pnpm start` runs it, on loopback ports:
 * - `pglite`: embedded PGlite on a fresh copy of a prepared data dir;
 * - `postgres`: PostgreSQL (DATABASE_URL) in a fresh schema;
 * - `postgres-2`: two processes on one PostgreSQL schema; clients alternate between them and
 *   updates cross over through LISTEN/NOTIFY.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Y from 'yjs';
import { isUpToDate, SERVER_ENTRIES } from '../../../scripts/build.mjs';
import { connectYWebsocket } from '../clients';
import { createSchema, dropSchema } from '../pg';
import { killChild, type Spawned, spawnListening, stopChild } from '../spawn';
import type { BenchClient, RunningTarget, StartOptions, Target } from './types';

const SERVER_DIR = new URL('../../../server/', import.meta.url).pathname;
/**
 * The demo user the load generator signs in as (a kommunchef may write every report); field
 * edits in the workload name it as their author, as the server requires.
 */
export const FOLJSAM_USER = { username: 'kommunchef', displayName: 'Kommunchef' } as const;
const PASSWORD = 'demo';

export type FoljsamStorage = 'pglite' | 'postgres' | 'postgres-2';

function spawnServer(
  env: { DATA_DIR: string; DATABASE_URL?: string },
  cpu: number | undefined,
  logs: string[],
): Promise<Spawned> {
  if (!isUpToDate('server')) {
    throw new Error('The built server is missing or older than its sources: run `pnpm build` first.');
  }
  return spawnListening({
    // BENCH_CPU_PROF=<dir>: every server process writes a V8 CPU profile there when it stops.
    args: [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      // BENCH_SERVER_NODE_FLAGS="--a --b": extra Node/V8 flags for every Följsam server process.
      ...(process.env.BENCH_SERVER_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
      '--enable-source-maps',
      SERVER_ENTRIES.main,
    ],
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      // As deployed (pnpm start, the systemd unit, the Dockerfile): docs/configuration.md.
      MALLOC_ARENA_MAX: '2',
      MALLOC_MMAP_THRESHOLD_: '131072',
      // The load generator signs in once and holds every connection as that one user. The
      // benchmark measures sync, not the per-user limits: connections and the write budget
      // (by default a 32 MiB burst and 8 MiB a minute, which the join's 16 MB upload and the
      // saturation climb would exhaust, closing connections with 4429) are set out of reach.
      // MAX_DOCUMENT_BYTES keeps its default (64 MiB): the largest document is the 16 MB join.
      MAX_CONNECTIONS_PER_USER: '100000',
      WRITE_BUDGET_BURST_BYTES: String(64 * 1024 ** 3),
      WRITE_BUDGET_BYTES_PER_MINUTE: String(64 * 1024 ** 3),
      ...env,
    },
    cpu,
    logs,
  });
}

async function login(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: FOLJSAM_USER.username, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login failed: HTTP ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token?: unknown };
  if (typeof token !== 'string') throw new Error('login answered without a token');
  return token;
}

class FoljsamRunning implements RunningTarget {
  wsUrls: string[] = [];
  pids: number[] = [];
  token = '';
  readonly logs: string[] = [];
  private processes: Spawned[] = [];

  constructor(
    private readonly env: { DATA_DIR: string; DATABASE_URL?: string },
    private readonly count: number,
    private readonly cpu: number | undefined,
    private readonly onStartup: (ms: number) => void,
    private readonly cleanup: () => Promise<void>,
  ) {}

  /** Starts the processes one after the other (the first one migrates and seeds). */
  async launch(): Promise<void> {
    this.processes = [];
    for (let i = 0; i < this.count; i++) {
      const spawned = await spawnServer(this.env, this.cpu, this.logs);
      this.processes.push(spawned);
      this.onStartup(spawned.startupMs);
    }
    this.wsUrls = this.processes.map((spawned) => `ws://127.0.0.1:${spawned.port}/sync`);
    this.pids = this.processes.map((spawned) => spawned.pid);
    const first = this.processes[0];
    if (first && !this.token) this.token = await login(first.port);
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((spawned) => stopChild(spawned.child)));
    await this.cleanup();
  }

  async kill(): Promise<void> {
    await Promise.all(this.processes.map((spawned) => killChild(spawned.child)));
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }
}

export class FoljsamTarget implements Target {
  readonly name: string;
  readonly durable = true;
  readonly description: string;
  /** Start-up time (ms, as the server logged it) of every start. */
  readonly startupMs: number[] = [];
  private template: string | undefined;

  constructor(readonly storage: FoljsamStorage) {
    this.name = {
      pglite: 'Följsam PGlite',
      postgres: 'Följsam PostgreSQL',
      'postgres-2': 'Följsam 2×PostgreSQL',
    }[storage];
    this.description = {
      pglite: 'embedded PGlite; every update committed before it is broadcast',
      postgres: 'PostgreSQL 127.0.0.1:5432, fresh schema; every update committed before it is broadcast',
      'postgres-2':
        'two processes (both on core 0) on one PostgreSQL schema, clients alternating between them; ' +
        'updates cross over by LISTEN/NOTIFY; every update committed before it is broadcast',
    }[storage];
  }

  /** PGlite: runs initdb and the demo seed once (about 5–9 s); every start copies the result. */
  async prepare(): Promise<void> {
    if (this.storage !== 'pglite') return;
    const template = mkdtempSync(join(tmpdir(), 'foljsam-bench-template-'));
    this.template = template;
    const spawned = await spawnServer({ DATA_DIR: template }, undefined, []);
    await stopChild(spawned.child);
    if (spawned.child.exitCode !== 0) {
      throw new Error(`preparing the template data dir: server exited with ${spawned.child.exitCode}`);
    }
  }

  async start({ cpu }: StartOptions): Promise<RunningTarget> {
    const dataDir = mkdtempSync(join(tmpdir(), 'foljsam-bench-data-'));
    let schema: string | undefined;
    const env: { DATA_DIR: string; DATABASE_URL?: string } = { DATA_DIR: dataDir };
    if (this.storage === 'pglite') {
      if (!this.template) throw new Error('FoljsamTarget.start() before prepare()');
      cpSync(this.template, dataDir, { recursive: true });
    } else {
      const created = await createSchema(this.storage === 'postgres' ? 'pg' : 'pg2');
      schema = created.schema;
      env.DATABASE_URL = created.url;
    }
    const cleanup = async () => {
      rmSync(dataDir, { recursive: true, force: true });
      if (schema) await dropSchema(schema);
    };
    const running = new FoljsamRunning(
      env,
      this.storage === 'postgres-2' ? 2 : 1,
      cpu,
      (ms) => this.startupMs.push(ms),
      cleanup,
    );
    try {
      await running.launch();
      return running;
    } catch (error) {
      await running.stop();
      throw error;
    }
  }

  async dispose(): Promise<void> {
    if (this.template) rmSync(this.template, { recursive: true, force: true });
    this.template = undefined;
  }

  documentName(index: number): string {
    // Any department id is a valid report document; the seed has none of these.
    return `report:2099-01:bench-${index}`;
  }

  connect(running: RunningTarget, documentName: string, doc: Y.Doc, index: number): BenchClient {
    return connectYWebsocket(running, documentName, doc, index, { asFoljsamApp: true });
  }
}
