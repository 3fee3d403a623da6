/**
 * A server killed with SIGKILL leaves its data dir lock behind; the next start must take it
 * over without manual clean-up, also where pids say nothing: as PID 1 of a container (the
 * dead server and the new one are both "pid 1") and when the dead server's pid now belongs
 * to another live process. `unshare --pid --fork --mount-proc` gives each server a PID
 * namespace of its own, as a container does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { freshDataDir } from '../support/dataDir';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';

/** Runs the command as PID 1 of a new PID namespace; killing unshare kills it too. */
const OWN_PID_NAMESPACE = ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child'];
/** The same, with a shell as PID 1 that runs the server as its child (pid 2) and stays alive. */
const UNDER_A_SHELL = [...OWN_PID_NAMESPACE, 'sh', '-c', '"$@"; exit $?', 'sh'];

/** The pids of a process's children, as this (the outer) PID namespace sees them. */
function childPids(pid: number): number[] {
  const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
  return text ? text.split(/\s+/).map(Number) : [];
}

/** The server's process under the wrapper: its pid here and in its own PID namespace. */
function serverPids(server: ServerProcess): { outer: number; inner: number } {
  const pending = [server.child.pid as number];
  for (let pid = pending.shift(); pid !== undefined; pid = pending.shift()) {
    const [command, ...args] = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (command === process.execPath && args.some((arg) => arg.endsWith('main.js'))) {
      // NSpid lists the pid in each PID namespace, from this one down to the innermost.
      const nsPids = /^NSpid:\s*(.*)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '';
      return { outer: pid, inner: Number(nsPids.trim().split(/\s+/).at(-1)) };
    }
    pending.push(...childPids(pid));
  }
  throw new Error(`no server process under ${server.child.pid}`);
}

/** SIGKILLs the server itself (not unshare) and waits until its namespace is gone. */
async function killServerInNamespace(server: ServerProcess): Promise<void> {
  const { outer } = serverPids(server);
  expect(outer).toBeGreaterThan(1);
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  process.kill(outer, 'SIGKILL');
  await exited;
}

describe('restart after SIGKILL', () => {
  const running: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of running) await server.kill();
  });

  it('starts again as PID 1 on the data dir of a server killed as PID 1', async () => {
    const dataDir = freshDataDir();
    const first = await startServerProcess({ dataDir, wrapper: OWN_PID_NAMESPACE });
    running.push(first);
    expect(serverPids(first).inner).toBe(1);
    await signIn(first.url, 'kommunchef');
    await killServerInNamespace(first);
    // The crash left the lock behind, naming "pid 1".
    expect(existsSync(join(dataDir, 'foljsam.lock'))).toBe(true);

    const second = await startServerProcess({ dataDir, wrapper: OWN_PID_NAMESPACE });
    running.push(second);
    expect(serverPids(second).inner).toBe(1);
    await signIn(second.url, 'chef-hr');
    // And once more: every restart after a crash must work, not only the first.
    await killServerInNamespace(second);
    const third = await startServerProcess({ dataDir, wrapper: OWN_PID_NAMESPACE });
    running.push(third);
    await signIn(third.url, 'kommunchef');
    // While it lives, a second server on the same data dir (in its PID namespace: pids of
    // other namespaces are out of sight, see dataDirLock.ts) is still refused.
    // --wd: entering the mount namespace would otherwise leave the server in / (not server/).
    const sameNamespace = [
      'nsenter',
      '--target',
      String(serverPids(third).outer),
      '--pid',
      '--mount',
      '--wd',
      '--',
    ];
    const refused = await startServerProcess({ dataDir, wrapper: sameNamespace }).then(
      () => null,
      (error: Error) => error.message,
    );
    expect(refused).toContain('is in use by another Följsam server');
    expect((await fetch(`${third.url}/api/health`)).status).toBe(200);
  });

  it("starts when the dead server's pid now belongs to another live process", async () => {
    const dataDir = freshDataDir();
    const first = await startServerProcess({ dataDir, wrapper: OWN_PID_NAMESPACE });
    running.push(first);
    await killServerInNamespace(first);

    // Now pid 1 is a live shell, and the new server is pid 2.
    const second = await startServerProcess({ dataDir, wrapper: UNDER_A_SHELL });
    running.push(second);
    expect(serverPids(second).inner).toBe(2);
    await signIn(second.url, 'kommunchef');
  });
});
