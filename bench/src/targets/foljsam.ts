/**
 * Följsam's own server as a child process (`node --import tsx server/src/main.ts`), as
 * `pnpm start` runs it, on a loopback port and a fresh copy of a prepared data dir.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { connectYWebsocket } from '../clients';
import { pinnedCommand } from '../proc';
import type { RunningTarget, StartOptions, Target } from './types';

const SERVER_DIR = new URL('../../../server/', import.meta.url).pathname;
const SERVER_ENTRY = join(SERVER_DIR, 'src/main.ts');
const USERNAME = 'kommunchef';
const PASSWORD = 'demo';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

interface Spawned {
  child: ChildProcess;
  port: number;
  startupMs: number;
  logs: string[];
}

/** Starts the server on `dataDir` and resolves once its "listening" log line arrives. */
function spawnServer(dataDir: string, cpu: number | undefined): Promise<Spawned> {
  const [command, args] = pinnedCommand(cpu, process.execPath, ['--import', 'tsx', SERVER_ENTRY]);
  // taskset execs the program, so the child's pid is the server's pid.
  const child = spawn(command, args, {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  return new Promise<Spawned>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within ${START_TIMEOUT_MS} ms:\n${logs.join('\n')}`));
    }, START_TIMEOUT_MS);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number; startupMs?: number };
        if (entry.msg === 'listening' && entry.port) {
          clearTimeout(timer);
          resolve({ child, port: entry.port, startupMs: entry.startupMs ?? Number.NaN, logs });
        }
      } catch {
        // not a JSON log line
      }
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => logs.push(line));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`server exited before listening (code ${code}, signal ${signal}):\n${logs.join('\n')}`),
      );
    });
  });
}

/** SIGTERM (graceful shutdown), then SIGKILL if it takes too long; resolves once it is gone. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function login(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login failed: HTTP ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token?: unknown };
  if (typeof token !== 'string') throw new Error('login answered without a token');
  return token;
}

export class FoljsamTarget implements Target {
  readonly name = 'Följsam';
  /** Start-up time (ms, as the server logged it) of every start from the template. */
  readonly startupMs: number[] = [];
  private template: string | undefined;

  /** Runs initdb and the demo seed once (about 5–9 s); every start copies the result. */
  async prepare(): Promise<void> {
    const template = mkdtempSync(join(tmpdir(), 'foljsam-bench-template-'));
    this.template = template;
    const spawned = await spawnServer(template, undefined);
    await stopChild(spawned.child);
    if (spawned.child.exitCode !== 0) {
      throw new Error(`preparing the template data dir: server exited with ${spawned.child.exitCode}`);
    }
  }

  async start({ cpu }: StartOptions): Promise<RunningTarget> {
    if (!this.template) throw new Error('FoljsamTarget.start() before prepare()');
    const dataDir = mkdtempSync(join(tmpdir(), 'foljsam-bench-data-'));
    let spawned: Spawned | undefined;
    try {
      cpSync(this.template, dataDir, { recursive: true });
      spawned = await spawnServer(dataDir, cpu);
      this.startupMs.push(spawned.startupMs);
      const { child, port, logs } = spawned;
      const pid = child.pid;
      if (pid === undefined) throw new Error('server process has no pid');
      const token = await login(port);
      return {
        wsUrl: `ws://127.0.0.1:${port}/sync`,
        pid,
        token,
        logs,
        async stop() {
          await stopChild(child);
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      if (spawned) await stopChild(spawned.child);
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    }
  }

  async dispose(): Promise<void> {
    if (this.template) rmSync(this.template, { recursive: true, force: true });
    this.template = undefined;
  }

  documentName(index: number): string {
    // report:2015-01:hr … report:2015-09:hr are empty in the demo workspace.
    return `report:2015-0${(index % 9) + 1}:hr`;
  }

  connect = connectYWebsocket;
}
