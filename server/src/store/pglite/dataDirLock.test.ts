import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentOwner, DataDirLockedError, type LockOwner, lockDataDir, processStat } from './dataDirLock';

const lockPath = (dir: string) => join(dir, 'foljsam.lock');
const writeOwner = (dir: string, owner: LockOwner) => writeFileSync(lockPath(dir), JSON.stringify(owner));
const readOwner = (dir: string) => JSON.parse(readFileSync(lockPath(dir), 'utf8')) as LockOwner;

/** A process that has exited and that its parent (a live `sleep`) never reaps: a zombie. */
async function spawnZombie(): Promise<{ pid: number; parent: ChildProcess }> {
  const parent = spawn('sh', ['-c', 'sleep 0 & echo $!; exec sleep 60'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const [chunk] = (await once(parent.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
    const pid = Number(chunk.toString().trim());
    for (let waited = 0; processStat(pid)?.state !== 'Z'; waited += 20) {
      if (waited > 10_000) throw new Error(`process ${pid} did not become a zombie`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return { pid, parent };
  } catch (error) {
    parent.kill('SIGKILL');
    throw error;
  }
}

describe('data dir lock', () => {
  let dir: string;
  const cleanup: (() => void)[] = [];
  afterEach(() => {
    for (const step of cleanup.splice(0)) step();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes, refuses a second taker, and releases', () => {
    dir = mkdtempSync(join(tmpdir(), 'foljsam-lock-'));
    const lock = lockDataDir(dir);
    expect(readOwner(dir)).toEqual(currentOwner());
    expect(readOwner(dir).pid).toBe(process.pid);
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    expect(readdirSync(dir)).toEqual([]);
    lockDataDir(dir).release();
  });

  it('refuses while another live process holds it', () => {
    dir = mkdtempSync(join(tmpdir(), 'foljsam-lock-'));
    // The parent of this test process is alive for the whole test.
    const parent = processStat(process.ppid);
    writeOwner(dir, {
      pid: process.ppid,
      startTime: parent?.startTime ?? null,
      bootId: currentOwner().bootId,
    });
    expect(() => lockDataDir(dir)).toThrow(/in use by another Följsam server \(pid \d+\)/);
    // A lock of an earlier version (a bare pid) naming a live process is respected too.
    writeFileSync(lockPath(dir), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
  });

  it('takes over the lock of a process that is gone (killed without clean-up)', () => {
    dir = mkdtempSync(join(tmpdir(), 'foljsam-lock-'));
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = child.stdout.toString();
    writeFileSync(lockPath(dir), deadPid);
    const lock = lockDataDir(dir);
    expect(readOwner(dir).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose pid is now a zombie', async () => {
    dir = mkdtempSync(join(tmpdir(), 'foljsam-lock-'));
    const zombie = await spawnZombie();
    cleanup.push(() => zombie.parent.kill('SIGKILL'));
    const stat = processStat(zombie.pid);
    writeOwner(dir, { pid: zombie.pid, startTime: stat?.startTime ?? null, bootId: currentOwner().bootId });
    lockDataDir(dir).release();
    // As earlier versions wrote it: kill(pid, 0) succeeds on a zombie, yet it is dead.
    writeFileSync(lockPath(dir), String(zombie.pid));
    lockDataDir(dir).release();
  });

  it('takes over a lock whose pid now belongs to another live process', () => {
    dir = mkdtempSync(join(tmpdir(), 'foljsam-lock-'));
    const me = currentOwner();
    // The dead owner had the pid of this (live, unrelated) process but started at another time.
    writeOwner(dir, { ...me, pid: process.ppid, startTime: '1' });
    lockDataDir(dir).release();
    writeOwner(dir, { ...me, startTime: '1' });
    lockDataDir(dir).release();
  });

  it('takes over a lock naming its own pid (PID 1 in a container, restarted)', () => {
    dir = mkdtempSync(join(tmpdir(), 'foljsam-lock-'));
    // Earlier versions refused this forever: the dead server and this one are both "pid 1".
    writeFileSync(lockPath(dir), String(process.pid));
    const lock = lockDataDir(dir);
    expect(readOwner(dir)).toEqual(currentOwner());
    lock.release();
  });

  it('takes over a lock written before a reboot', () => {
    dir = mkdtempSync(join(tmpdir(), 'foljsam-lock-'));
    writeOwner(dir, { ...currentOwner(), pid: process.ppid, bootId: 'another-boot' });
    lockDataDir(dir).release();
    expect(existsSync(lockPath(dir))).toBe(false);
  });
});
