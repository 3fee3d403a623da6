/**
 * Load: 1,000 concurrent websocket connections on one server process stay up and keep
 * converging. CPU and RSS of the server are reported, not asserted (tests never assert times).
 */
import { readFileSync } from 'node:fs';
import { reportDocumentName } from '@foljsam/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';
import { connectClient, waitFor, type YClient } from '../support/yClient';

const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 1000);
const DOCUMENTS = 50;
const CONNECT_BATCH = 100;

/** CPU seconds and peak RSS of a process, from /proc. */
function usage(pid: number): { cpuSeconds: number; peakRssMiB: number; rssMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { cpuSeconds: ticks / 100, peakRssMiB: kib('VmHWM') / 1024, rssMiB: kib('VmRSS') / 1024 };
}

describe(`${CONNECTIONS} connections on one process`, () => {
  let server: ServerProcess;
  const clients: YClient[] = [];
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.kill('SIGTERM');
  });

  it('stay connected and converge', async () => {
    // One signed-in user holds every connection here: lift the per-user cap above the load.
    server = await startServerProcess(
      await freshServerOptions('pglite', { MAX_CONNECTIONS_PER_USER: String(CONNECTIONS + 10) }),
    );
    const { token } = await signIn(server.url, 'kommunchef');
    const pid = server.child.pid as number;
    const before = usage(pid);

    // Connect in batches, as a morning's worth of people arriving, not one thundering herd.
    for (let start = 0; start < CONNECTIONS; start += CONNECT_BATCH) {
      const batch = Array.from({ length: CONNECT_BATCH }, (_, i) => {
        const n = start + i;
        const month = String(((n % DOCUMENTS) % 12) + 1).padStart(2, '0');
        const department =
          ['hr', 'it', 'utveckling', 'kommunikation', 'naringsliv'][Math.floor((n % DOCUMENTS) / 12)] ?? 'hr';
        return connectClient(server.wsUrl, reportDocumentName(`2016-${month}`, department), token);
      });
      clients.push(...batch);
      await Promise.all(batch.map((client) => client.synced));
    }
    const connected = usage(pid);
    expect(clients.every((client) => client.provider.wsconnected)).toBe(true);

    // One writer per document; every client of the document must see every write.
    const byDocument = new Map<string, YClient[]>();
    for (const client of clients) {
      const name = client.provider.roomname;
      byDocument.set(name, [...(byDocument.get(name) ?? []), client]);
    }
    expect(byDocument.size).toBe(DOCUMENTS);
    for (const [name, group] of byDocument) {
      const writer = group[0] as YClient;
      for (let i = 0; i < 5; i++)
        writer.doc.getMap('indicatorOutcomes').set(`${name.replace(/[^a-z0-9-]/g, '-')}-${i}`, i);
    }
    await waitFor(
      () => clients.every((client) => client.doc.getMap('indicatorOutcomes').size === 5),
      'every client sees the five writes to its document',
      60_000,
    );
    for (const group of byDocument.values()) {
      const expected = (group[0] as YClient).doc.getMap('indicatorOutcomes').toJSON();
      for (const client of group) expect(client.doc.getMap('indicatorOutcomes').toJSON()).toEqual(expected);
    }
    expect(clients.every((client) => client.provider.wsconnected)).toBe(true);
    const after = usage(pid);

    const health = (await (await fetch(`${server.url}/api/health`)).json()) as { documentsLoaded: number };
    // The reports and the plan their writers hold open for its budgets.
    expect(health.documentsLoaded).toBe(DOCUMENTS + 1);
    console.info(
      `${CONNECTIONS} connections on ${DOCUMENTS} documents: server CPU ${(connected.cpuSeconds - before.cpuSeconds).toFixed(2)} s to connect, ` +
        `${(after.cpuSeconds - connected.cpuSeconds).toFixed(2)} s to converge; RSS ${before.rssMiB.toFixed(0)} MiB idle, ` +
        `${after.rssMiB.toFixed(0)} MiB with all connected (peak ${after.peakRssMiB.toFixed(0)} MiB)`,
    );
  });
});
