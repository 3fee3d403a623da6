/**
 * PGlite has no lock of its own: two processes on one data dir corrupt it. This lock is a
 * file created atomically (link(2) fails if it exists) naming its owner by pid, the process's start time and the boot id.
 * A pid alone does not say whether the owner lives: after SIGKILL the pid may be a zombie,
 * reused by another process, or (as PID 1 in a container) be this very process again. The
 * lock is stale, and taken over without manual clean-up, when the boot id differs, the pid
 * does not exist, is a zombie, or started at another time than the owner did.
 *
 * Node has no flock(2), and the npm packages that add it (fs-ext, os-lock) are native
 * add-ons that node-gyp must build against downloaded Node headers; hence a lock file.
 * Process identities are per PID namespace: servers in two containers sharing one data dir
 * volume cannot see each other, so a data dir must not be shared between containers.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data dir ${dataDir} is in use by another Följsam server (pid ${ownerPid}). ` +
        'Two processes must not open one embedded database; stop the other one, or give this one ' +
        'its own DATA_DIR, or use DATABASE_URL (PostgreSQL) to run several processes.',
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

const LOCK_FILE = 'foljsam.lock';

/** Who holds a lock: enough to tell that process from any later one with the same pid. */
export interface LockOwner {
  pid: number;
  /** Start time in clock ticks since boot (/proc/<pid>/stat field 22); null without /proc. */
  startTime: string | null;
  /** /proc/sys/kernel/random/boot_id; null without /proc. */
  bootId: string | null;
}

function readProc(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** The state letter and start time of a process, or null if there is no such process (or no /proc). */
export function processStat(pid: number): { state: string; startTime: string } | null {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === null) return null;
  // The command name (field 2) is in parentheses and may hold spaces and parentheses itself.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const state = fields[0];
  const startTime = fields[19];
  return state && startTime ? { state, startTime } : null;
}

const bootId = (): string | null => readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null;

/** This process, as a lock names its owner. */
export function currentOwner(): LockOwner {
  return { pid: process.pid, startTime: processStat(process.pid)?.startTime ?? null, bootId: bootId() };
}

/** The lock file's owner; a bare pid is the format of earlier versions. Null if unreadable. */
function parseOwner(text: string): LockOwner | null {
  if (/^\d+$/.test(text.trim())) return { pid: Number(text.trim()), startTime: null, bootId: null };
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (!Number.isSafeInteger(value.pid) || (value.pid as number) <= 0) return null;
    return {
      pid: value.pid as number,
      startTime: typeof value.startTime === 'string' ? value.startTime : null,
      bootId: typeof value.bootId === 'string' ? value.bootId : null,
    };
  } catch {
    return null;
  }
}

function signalable(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the process that wrote the lock still runs (as far as this PID namespace can tell). */
export function ownerAlive(owner: LockOwner): boolean {
  const me = currentOwner();
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return false;
  const stat = processStat(owner.pid);
  if (me.startTime === null) {
    // No /proc (not Linux): the pid is all there is to go by.
    return owner.pid !== process.pid && signalable(owner.pid);
  }
  if (stat === null || stat.state === 'Z' || stat.state === 'X') return false;
  // Same pid and start time: that process, perhaps this one (which must not open twice either).
  if (owner.startTime !== null) return owner.startTime === stat.startTime;
  // A lock of an earlier version names a pid only; this process did not write it.
  return owner.pid !== process.pid;
}

/** Takes the lock on `dataDir` (which must exist) or throws {@link DataDirLockedError}. */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  const me = currentOwner();
  for (let attempt = 0; attempt < 3; attempt++) {
    // Written aside and linked into place, so nobody ever reads a lock file that is still empty.
    const pending = `${path}.${process.pid}.${randomBytes(4).toString('hex')}`;
    writeFileSync(pending, JSON.stringify(me));
    try {
      linkSync(pending, path);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      rmSync(pending, { force: true });
    }
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      // Removed between our open and read: try again.
      continue;
    }
    const owner = parseOwner(text);
    if (owner && ownerAlive(owner)) throw new DataDirLockedError(dataDir, owner.pid);
    // Stale lock of a dead process (or an unreadable one): remove it and try again.
    rmSync(path, { force: true });
  }
  throw new Error(`could not take the lock ${path}`);
}
