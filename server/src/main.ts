/** Entry point of `pnpm start`: configuration from the environment, then the server. */
import { setFlagsFromString } from 'node:v8';
import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';
import { DataDirLockedError } from './store/pglite/dataDirLock';
import { StoreTooNewError } from './store/sql/migrations';

// Not LOG_LEVEL: it is not validated yet, and a bad one must still be reported.
const bootLog = createLogger('info');

/**
 * After a full garbage collection V8 lets the old generation grow to up to four times what
 * survived before it collects again. Under a steady sync load nearly all of that growth is
 * garbage (updates, acknowledgements and presence states that outlived two scavenges), and it
 * was the server's peak memory: the team benchmark's heap reached 140 MB with 44 MB alive.
 * Growing by half at most costs a few more full collections, which run mostly concurrently,
 * and took the peak RSS from 308–312 to 288–296 MiB (bench/README.md, "Profiles"). A value given on
 * the command line stands.
 */
if (!process.execArgv.some((flag) => flag.startsWith('--heap-growing-percent'))) {
  setFlagsFromString('--heap-growing-percent=50');
}

try {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  const server = await startServer(config, log);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down');
      server.close().then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
} catch (error) {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof StoreTooNewError
  ) {
    bootLog.fatal(error.message);
    process.exitCode = 2;
  } else {
    bootLog.fatal({ err: error }, 'could not start');
    process.exitCode = 1;
  }
}
