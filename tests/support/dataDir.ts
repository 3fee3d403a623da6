/**
 * Test data dirs. PGlite's first start (initdb) costs seconds, so the global setup prepares
 * one demo data dir per test run and every test server starts from a fresh copy of it.
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
  }
}

/** A new data dir holding a copy of the prepared demo workspace. */
export function freshDataDir(): string {
  const dir = mkdtempSync(join(inject('testTmpDir'), 'data-'));
  cpSync(inject('templateDataDir'), dir, { recursive: true });
  return dir;
}

/** A new empty folder for this run. */
export function emptyDir(prefix = 'empty-'): string {
  return mkdtempSync(join(inject('testTmpDir'), prefix));
}
