/**
 * Migrations only go forward (docs/upgrades.md): on both stores, opened as the server opens
 * them, a store that a newer Följsam opened (a newer recorded product version, or a schema
 * version this code does not know) is refused with a message naming both versions, before
 * anything in it changes; an older store is migrated and records this version. That the
 * server process refuses to start on such a store: startup.test.ts.
 */
import { createLogger, loadConfig, openStore, PRODUCT_VERSION, StoreTooNewError } from '@foljsam/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { emptyDatabaseDataDir } from '../support/dataDir';
import { freshServerOptions, STORAGES } from '../support/storage';
import { markOpenedBy, withStoreSql } from '../support/storeSql';

describe.each(STORAGES)('store versions (%s)', (storage) => {
  let options: Awaited<ReturnType<typeof freshServerOptions>>;
  /** Opens the store as the server does (lock, migrations) and closes it again. */
  let open: () => Promise<void>;

  beforeAll(async () => {
    // An empty store: PGlite's empty database, or an empty PostgreSQL schema.
    options =
      storage === 'pglite'
        ? { dataDir: emptyDatabaseDataDir(), env: {} }
        : await freshServerOptions('postgres');
    const config = loadConfig({ ...options.env, DATA_DIR: options.dataDir });
    open = async () => (await openStore(config, createLogger('silent'))).close();
  });

  const recorded = () =>
    withStoreSql(options, async (query) =>
      (await query<{ version: string }>('select version from product_version')).map((row) => row.version),
    );
  const refusal = () =>
    open().then(
      () => null,
      (error: unknown) => error,
    );

  it('records the version that opened the store; an older recorded version is replaced', async () => {
    await open();
    expect(await recorded()).toEqual([PRODUCT_VERSION]);
    await markOpenedBy(options, '0.1.0');
    await open();
    expect(await recorded()).toEqual([PRODUCT_VERSION]);
  });

  it('refuses a store a newer version opened, naming both versions, and leaves it as it was', async () => {
    await markOpenedBy(options, '99.1.0');
    const error = await refusal();
    expect(error).toBeInstanceOf(StoreTooNewError);
    const message = (error as Error).message;
    expect(message).toContain('last opened by Följsam 99.1.0');
    expect(message).toContain(`this is Följsam ${PRODUCT_VERSION}`);
    expect(message).toContain('install Följsam 99.1.0 or newer, or restore the backup');
    expect(await recorded()).toEqual(['99.1.0']);
  });

  it('refuses a store holding a schema version this code does not know, and opens once it is gone', async () => {
    await markOpenedBy(options, PRODUCT_VERSION);
    const newest = await withStoreSql(options, async (query) => {
      const [row] = await query<{ newest: number }>('select max(version) as newest from schema_migrations');
      await query(`insert into schema_migrations (version, description) values ($1, 'from the future')`, [
        Number(row?.newest) + 100,
      ]);
      return Number(row?.newest);
    });
    const error = await refusal();
    expect(error).toBeInstanceOf(StoreTooNewError);
    expect((error as StoreTooNewError).unknownMigrations).toEqual([newest + 100]);
    expect((error as Error).message).toContain(
      `schema version ${newest + 100}; this version knows up to ${newest}`,
    );
    // A restored backup has no such version: it opens again (the refusal released the data dir lock).
    await withStoreSql(options, (query) =>
      query('delete from schema_migrations where version = $1', [newest + 100]),
    );
    await open();
  });
});
