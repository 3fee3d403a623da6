/** Prepares the template demo data dir once per test run (see dataDir.ts). */
import { rmSync } from 'node:fs';
import { TEMPLATE_DATA_DIR, TMP_ROOT } from './dataDir';
import { startServerProcess } from './serverProcess';

export default async function setup(): Promise<() => void> {
  rmSync(TMP_ROOT, { recursive: true, force: true });
  const server = await startServerProcess({ dataDir: TEMPLATE_DATA_DIR });
  // A graceful stop, so the copied data dir holds a clean shutdown and no lock.
  await server.kill('SIGTERM');
  return () => rmSync(TMP_ROOT, { recursive: true, force: true });
}
