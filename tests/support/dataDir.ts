/**
 * Test data dirs. PGlite's first start (initdb) costs seconds, so the global setup prepares
 * one demo data dir and one empty database per test run, and test servers start from fresh
 * copies of them. Tests of creating a database start from {@link emptyDir}.
 */
import { cpSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's scratch folder (removed at the end of the run). */
    testTmpDir: string;
    /** The prepared demo data dir inside it. */
    templateDataDir: string;
    /** A data dir holding an empty database: initdb's output, no tables, no data. */
    emptyDatabaseDir: string;
  }
}

/** A new data dir holding a copy of the prepared demo workspace. */
export function freshDataDir(): string {
  const dir = mkdtempSync(join(inject('testTmpDir'), 'data-'));
  cpSync(inject('templateDataDir'), dir, { recursive: true });
  return dir;
}

/**
 * A new data dir holding an empty database, as the server's first start creates it before it
 * makes any table: for tests of an empty store that do not test creating the database.
 */
export function emptyDatabaseDataDir(prefix = 'empty-db-'): string {
  const dir = mkdtempSync(join(inject('testTmpDir'), prefix));
  cpSync(inject('emptyDatabaseDir'), dir, { recursive: true });
  return dir;
}

/** A new empty folder for this run. */
export function emptyDir(prefix = 'empty-'): string {
  return mkdtempSync(join(inject('testTmpDir'), prefix));
}
