import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from './dataDirLock';

describe('data dir lock', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes, refuses a second taker, and releases', () => {
    dir = mkdtempSync(join(tmpdir(), 'foljsam-lock-'));
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'foljsam.lock'), 'utf8')).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    lock.release();
    expect(existsSync(join(dir, 'foljsam.lock'))).toBe(false);
    lockDataDir(dir).release();
  });

  it('refuses while another live process holds it', () => {
    dir = mkdtempSync(join(tmpdir(), 'foljsam-lock-'));
    // The parent of this test process is alive for the whole test.
    writeFileSync(join(dir, 'foljsam.lock'), String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(/in use by another Följsam server \(pid \d+\)/);
  });

  it('takes over the lock of a process that is gone (killed without clean-up)', () => {
    dir = mkdtempSync(join(tmpdir(), 'foljsam-lock-'));
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = child.stdout.toString();
    writeFileSync(join(dir, 'foljsam.lock'), deadPid);
    const lock = lockDataDir(dir);
    expect(readFileSync(join(dir, 'foljsam.lock'), 'utf8')).toBe(String(process.pid));
    lock.release();
  });
});
