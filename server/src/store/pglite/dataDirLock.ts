/**
 * PGlite has no lock of its own: two processes on one data dir corrupt it. This lock is a
 * file created with O_EXCL holding the owner's pid; a lock whose process is gone (the server
 * was killed) is taken over, so a restart after SIGKILL needs no manual clean-up.
 */
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock on `dataDir` (which must exist) or throws {@link DataDirLockedError}. */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
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
    }
    let ownerPid = Number.NaN;
    try {
      ownerPid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    } catch {
      // Removed between our open and read: try again.
      continue;
    }
    if (Number.isInteger(ownerPid) && ownerPid !== process.pid && isAlive(ownerPid)) {
      throw new DataDirLockedError(dataDir, ownerPid);
    }
    if (ownerPid === process.pid) throw new DataDirLockedError(dataDir, ownerPid);
    // Stale lock of a dead process (or an unreadable one): remove it and try again.
    rmSync(path, { force: true });
  }
  throw new Error(`could not take the lock ${path}`);
}
