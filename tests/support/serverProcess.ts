/**
 * A real Följsam server in a child process on a loopback port, as `pnpm start` runs it (plain
 * `node` on the built server/dist/main.js), so tests can kill it with SIGKILL and start it
 * again on the same data dir.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { isUpToDate, SERVER_ENTRIES } from '../../scripts/build.mjs';

export const SERVER_DIR = new URL('../../server/', import.meta.url).pathname;

let checked = false;

/**
 * The path of a built server entry (`main`, the server; `admin`, the CLI). Throws if the build
 * is missing or older than the sources: a test must not pass or fail on yesterday's server.
 * The global setup builds it when needed; this catches sources edited since.
 */
export function builtEntry(name: keyof typeof SERVER_ENTRIES): string {
  if (!checked) {
    if (!isUpToDate('server')) {
      throw new Error(
        'The built server (server/dist) is missing or older than its sources. Tests run the ' +
          'compiled server as `pnpm start` does: run `pnpm build` (or `node scripts/build.mjs server`).',
      );
    }
    checked = true;
  }
  return SERVER_ENTRIES[name];
}

export interface ServerProcess {
  readonly url: string;
  readonly wsUrl: string;
  readonly port: number;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Log lines the server printed so far. */
  readonly logs: string[];
  /** Kills the process (default SIGKILL) and waits until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  env?: Record<string, string>;
  /**
   * A command that runs the server, e.g. `['unshare', '--pid', '--fork', '--mount-proc']` to
   * run it as PID 1 of its own PID namespace; `child` is then that command's process.
   */
  wrapper?: string[];
  /**
   * The server folder of a production install (`dist/` and its own `node_modules/`, as the
   * runbook makes it); by default the repository's `server/`, whose build must be up to date.
   */
  serverDir?: string;
}

/** The built entry to run and the folder to run it from: the repository's, or `serverDir`'s. */
export function serverCommand(
  name: keyof typeof SERVER_ENTRIES,
  serverDir?: string,
): { entry: string; cwd: string } {
  if (serverDir === undefined) return { entry: builtEntry(name), cwd: SERVER_DIR };
  return { entry: join(serverDir, 'dist', `${name}.js`), cwd: serverDir };
}

/** Servers this test process started and that still run. */
const children = new Set<ChildProcess>();
// A test run that dies or times out must not leave servers behind.
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** Starts the server and resolves once it listens. */
export async function startServerProcess({
  dataDir,
  port = 0,
  env = {},
  wrapper = [],
  serverDir,
}: StartOptions): Promise<ServerProcess> {
  // A quieter level would hide the "listening" line this waits for (an invalid one is fine:
  // the server refuses it, which is what such a test wants to see).
  if (env.LOG_LEVEL && ['warn', 'error', 'fatal', 'silent'].includes(env.LOG_LEVEL)) {
    throw new Error(
      'startServerProcess needs LOG_LEVEL info or finer: it waits for the "listening" log line',
    );
  }
  // From the server's folder, as `pnpm start` runs it.
  const { entry, cwd } = serverCommand('main', serverDir);
  const command = [...wrapper, process.execPath, '--enable-source-maps', entry];
  const child = spawn(command[0] as string, command.slice(1), {
    cwd,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const logs: string[] = [];
  const listening = new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on('line', (line) => {
      logs.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: string; port?: number };
        if (entry.msg === 'listening' && entry.port) resolve(entry.port);
      } catch {
        // not a JSON log line
      }
    });
    createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => logs.push(line));
    child.once('exit', (code, signal) =>
      reject(
        new Error(`server exited before listening (code ${code}, signal ${signal}):\n${logs.join('\n')}`),
      ),
    );
  });
  const boundPort = await listening;
  return {
    url: `http://127.0.0.1:${boundPort}`,
    wsUrl: `ws://127.0.0.1:${boundPort}/sync`,
    port: boundPort,
    dataDir,
    child,
    logs,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill(signal);
      await exited;
    },
  };
}
