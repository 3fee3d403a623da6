/**
 * Child server processes: start one (optionally pinned with taskset), wait for its JSON
 * `{"msg":"listening","port":…}` line, and stop it (SIGTERM, then SIGKILL) or kill it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pinnedCommand } from './proc';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

export interface Spawned {
  child: ChildProcess;
  pid: number;
  port: number;
  startupMs: number;
  logs: string[];
}

export interface SpawnOptions {
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  cpu: number | undefined;
  /** Shared log sink (several processes of one target may append to it). */
  logs?: string[];
}

/** Every child started and not yet gone, so that a crash of the benchmark still frees them. */
export const liveChildren = new Set<ChildProcess>();

/**
 * BENCH_SERVER_LOG=<file>: every server's output lines are appended there, each after its pid
 * (with BENCH_SERVER_NODE_FLAGS=--trace-gc, say).
 */
function copyToLogFile(pid: number | undefined, line: string): void {
  const file = process.env.BENCH_SERVER_LOG;
  if (file) appendFileSync(file, `${pid} ${line}\n`);
}

/** Starts `node <args>` and resolves once its "listening" log line arrives. */
export function spawnListening({ args, cwd, env, cpu, logs = [] }: SpawnOptions): Promise<Spawned> {
  const began = performance.now();
  const [command, commandArgs] = pinnedCommand(cpu, process.execPath, args);
  // taskset execs the program, so the child's pid is the server's pid.
  const child = spawn(command, commandArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  return new Promise<Spawned>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within ${START_TIMEOUT_MS} ms:\n${logs.join('\n')}`));
    }, START_TIMEOUT_MS);
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(
        new Error(`server exited before listening (code ${code}, signal ${signal}):\n${logs.join('\n')}`),
      );
    };
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      logs.push(line);
      copyToLogFile(child.pid, line);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number; startupMs?: number };
        if (entry.msg === 'listening' && entry.port && child.pid !== undefined) {
          clearTimeout(timer);
          child.off('exit', onExit);
          resolve({
            child,
            pid: child.pid,
            port: entry.port,
            startupMs: entry.startupMs ?? performance.now() - began,
            logs,
          });
        }
      } catch {
        // not a JSON log line
      }
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
      logs.push(line);
      copyToLogFile(child.pid, line);
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', onExit);
  });
}

function gone(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM (graceful shutdown), then SIGKILL if it takes too long; resolves once it is gone. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (gone(child)) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** SIGKILL; resolves once it is gone. */
export async function killChild(child: ChildProcess): Promise<void> {
  if (gone(child)) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
