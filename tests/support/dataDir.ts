/**
 * Test data dirs. PGlite's first start (initdb) costs seconds, so the global setup prepares
 * one demo data dir and every test server starts from a fresh copy of it.
 */
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

export const TMP_ROOT = new URL('../.tmp/', import.meta.url).pathname;
export const TEMPLATE_DATA_DIR = join(TMP_ROOT, 'template-data');

/** A new data dir holding a copy of the prepared demo workspace. */
export function freshDataDir(): string {
  mkdirSync(TMP_ROOT, { recursive: true });
  const dir = mkdtempSync(join(TMP_ROOT, 'data-'));
  cpSync(TEMPLATE_DATA_DIR, dir, { recursive: true });
  return dir;
}
