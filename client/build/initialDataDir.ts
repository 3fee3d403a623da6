/**
 * A Vite plugin that makes the browser's first start of its local database cheap.
 *
 * A new PGlite database runs initdb, which costs about 3 s of CPU on a desktop browser (far
 * more on a phone) on every first visit. initdb's result is the same for every browser, so the
 * build runs it once, in Node with the same PGlite package, and ships the empty database as a
 * gzipped tarball (about 4.5 MB) that the worker loads instead (`loadDataDir`). It is made once
 * per PGlite version and kept in `client/generated/` (not committed).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { Plugin } from 'vite';
import { LOCAL_DB_INITDB_ARGS } from '../src/local/localDbFiles';

const GENERATED = fileURLToPath(new URL('../generated/', import.meta.url));
/** Where the worker expects the tarball (`new URL('../../generated/…', import.meta.url)`). */
const TARBALL = join(GENERATED, 'pglite-datadir.tar.gz');
/**
 * The PGlite version and initdb arguments the tarball was made with: a data dir is only valid
 * for its own build, and other arguments make another data dir.
 */
const MADE_WITH = join(GENERATED, 'pglite-datadir.version');

function recipe(): string {
  const require = createRequire(import.meta.url);
  const manifest = join(dirname(require.resolve('@electric-sql/pglite')), '..', 'package.json');
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return [version, ...LOCAL_DB_INITDB_ARGS].join(' ');
}

async function makeTarball(madeWith: string): Promise<void> {
  const db = await PGlite.create({ initDbStartParams: [...LOCAL_DB_INITDB_ARGS] });
  try {
    const tarball = await db.dumpDataDir('gzip');
    mkdirSync(GENERATED, { recursive: true });
    // Written beside and renamed, so an interrupted build never leaves half a tarball.
    writeFileSync(`${TARBALL}.tmp`, new Uint8Array(await tarball.arrayBuffer()));
    renameSync(`${TARBALL}.tmp`, TARBALL);
    writeFileSync(MADE_WITH, madeWith);
  } finally {
    await db.close();
  }
}

/** Makes `client/generated/pglite-datadir.tar.gz` before anything imports it, if it is missing or stale. */
export function initialDataDir(): Plugin {
  return {
    name: 'foljsam:pglite-initial-datadir',
    async buildStart() {
      const madeWith = recipe();
      const current =
        existsSync(TARBALL) && existsSync(MADE_WITH) && readFileSync(MADE_WITH, 'utf8') === madeWith;
      if (!current) await makeTarball(madeWith);
    },
  };
}
