import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { storeContract } from '../documentStore.contract';
import { DataDirLockedError } from './dataDirLock';
import { openPgliteStore } from './pgliteStore';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'foljsam-pglite-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const sharedDir = tempDir();
storeContract('pglite', () => openPgliteStore(sharedDir));

describe('pglite store', () => {
  it('keeps what it stored across close and reopen, and applies migrations once', async () => {
    const dir = tempDir();
    const first = await openPgliteStore(dir);
    const from = new Date(Date.now() - 60_000);
    await first.documents.appendUpdates('plan:2015', [{ data: new Uint8Array([7]), userId: 'u' }]);
    // The audit log reads the update rows from SQL: acknowledged is listed, flushed or not.
    const events = await first.audit.list(from, new Date(Date.now() + 60_000));
    expect(events.map((event) => [event.action, event.document, event.detail])).toEqual([
      ['update', 'plan:2015', 'seq 1'],
    ]);
    await first.close();
    const second = await openPgliteStore(dir);
    try {
      expect((await second.documents.load('plan:2015')).updates).toEqual([new Uint8Array([7])]);
    } finally {
      await second.close();
    }
  });

  it('refuses a second open of the same data dir while the first is open', async () => {
    const dir = tempDir();
    const first = await openPgliteStore(dir);
    try {
      await expect(openPgliteStore(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      await first.close();
    }
    // Released on close: opening again works.
    const again = await openPgliteStore(dir);
    await again.close();
  });
});
