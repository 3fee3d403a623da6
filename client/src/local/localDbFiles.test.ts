import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { LOCAL_DB_INITDB_ARGS } from './localDbFiles';

describe('the local database files', () => {
  it('keep the write-ahead log in 1 MB segments, which is what each write stores again in IndexedDB', async () => {
    const db = await PGlite.create({ initDbStartParams: [...LOCAL_DB_INITDB_ARGS] });
    try {
      expect((await db.query<{ wal_segment_size: string }>('show wal_segment_size')).rows).toEqual([
        { wal_segment_size: '1MB' },
      ]);
      await db.exec('create table t (data text)');
      await db.query(`insert into t select repeat('x', 1000) from generate_series(1, 3000)`);
      const wal = '/pglite/data/pg_wal';
      const segments = db.Module.FS.readdir(wal).filter((name: string) => /^[0-9A-F]{24}$/.test(name));
      expect(segments.length).toBeGreaterThan(1);
      for (const name of segments) expect(db.Module.FS.stat(`${wal}/${name}`).size).toBe(2 ** 20);
    } finally {
      await db.close();
    }
  });
});
