/**
 * How the browser's local database lays out its files, shared by the build (which makes the
 * empty database a first visit loads, client/build/initialDataDir.ts) and the worker (which
 * makes one itself when that cannot be fetched).
 *
 * PGlite keeps its data directory in IndexedDB as whole files and, after every statement that
 * changed a file, writes each changed file out whole. The write-ahead log changes with every
 * write, and initdb's default WAL segment is a 16 MB file: every write transaction stored
 * 16 MB in IndexedDB. With 1 MB segments (the smallest PostgreSQL allows) it stores 1 MB.
 */
export const LOCAL_DB_INITDB_ARGS: readonly string[] = ['--wal-segsize=1'];
