import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabaseIfMissing, hasDatabase } from './createDatabase';

const root = mkdtempSync(join(tmpdir(), 'foljsam-createdb-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('createDatabaseIfMissing', () => {
  it('runs initdb in a child process, replacing an empty folder and clearing leftovers', async () => {
    const dataDir = join(root, 'fresh');
    const databaseDir = join(dataDir, 'pglite');
    mkdirSync(databaseDir, { recursive: true });
    // What an interrupted creation leaves behind.
    mkdirSync(join(dataDir, 'pglite.initdb-deadbeef'));

    const created = await createDatabaseIfMissing(databaseDir);

    expect(created).not.toBeNull();
    expect(created?.childPid).not.toBe(process.pid);
    expect(created?.childMaxRssMb).toBeGreaterThan(0);
    expect(hasDatabase(databaseDir)).toBe(true);
    expect(readdirSync(dataDir)).toEqual(['pglite']);
    // Opening it now finds the database instead of running initdb again.
    const db = await PGlite.create(databaseDir);
    try {
      expect((await db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
    }
    expect(await createDatabaseIfMissing(databaseDir)).toBeNull();
  });

  it('refuses a folder that holds files but no database', async () => {
    const databaseDir = join(root, 'stray', 'pglite');
    mkdirSync(databaseDir, { recursive: true });
    writeFileSync(join(databaseDir, 'notes.txt'), 'not a database');

    await expect(createDatabaseIfMissing(databaseDir)).rejects.toThrow(/holds files but no database/);
    expect(existsSync(join(databaseDir, 'notes.txt'))).toBe(true);
  });
});
