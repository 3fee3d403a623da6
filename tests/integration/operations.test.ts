/** Operations: Prometheus metrics, and a graceful shutdown on SIGTERM that loses nothing. */
import { reportDocumentName } from '@foljsam/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

const DOC = reportDocumentName('2015-04', 'it');

/** The value of one sample line of the Prometheus text format, 0 when absent. */
function sample(metrics: string, name: string): number {
  const line = metrics.split('\n').find((entry) => entry.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

/** Scrapes until `ready` holds (or 5 s pass) and returns the last scrape. */
async function metricsWhen(scrape: () => Promise<string>, ready: (text: string) => boolean): Promise<string> {
  const deadline = Date.now() + 5000;
  let text = await scrape();
  while (!ready(text) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    text = await scrape();
  }
  return text;
}

describe('operations', () => {
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.kill();
  });

  it('exposes Prometheus metrics for connections, documents, stored updates and errors', async () => {
    const server = await startServerProcess(await freshServerOptions('pglite'));
    servers.push(server);
    const metrics = async () => (await fetch(`${server.url}/metrics`)).text();
    const { token } = await signIn(server.url, 'chef-it');

    const client = connectClient(server.wsUrl, DOC, token);
    await client.synced;
    for (let i = 0; i < 5; i++) client.doc.getMap('m').set(`k${i}`, i);
    let text = await metricsWhen(metrics, (t) => sample(t, 'foljsam_updates_stored_total') >= 5);
    expect(sample(text, 'foljsam_updates_stored_total')).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'foljsam_connections')).toBe(1);
    expect(sample(text, 'foljsam_documents_loaded')).toBe(1);
    expect(sample(text, 'foljsam_store_append_seconds_count')).toBeGreaterThan(0);

    // A malformed frame is counted by kind.
    const raw = new WebSocket(`${server.wsUrl}/${DOC}?token=${token}`);
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(new Uint8Array([0xff, 0xff]));
    await new Promise((resolve) => raw.once('close', resolve));
    text = await metricsWhen(metrics, (t) => sample(t, 'foljsam_errors_total{kind="malformed-message"}') > 0);
    expect(sample(text, 'foljsam_errors_total{kind="malformed-message"}')).toBe(1);
    client.destroy();
  });

  it('on SIGTERM closes clients with "going away", stores what they sent and exits cleanly', async () => {
    const options = await freshServerOptions('pglite');
    const server = await startServerProcess(options);
    servers.push(server);
    const { token } = await signIn(server.url, 'chef-it');
    const client = connectClient(server.wsUrl, DOC, token);
    await client.synced;
    const closeCodes: number[] = [];
    client.provider.on('connection-close', (event: { code: number } | null) => {
      if (event) closeCodes.push(event.code);
    });
    client.doc.getMap('m').set('before-shutdown', 'kept');
    // Wait until the server has it: then SIGTERM must not lose it.
    const reader = connectClient(server.wsUrl, DOC, token);
    await reader.synced;
    await waitFor(
      () => reader.doc.getMap('m').get('before-shutdown') === 'kept',
      'the write reached the server',
    );
    reader.destroy();

    const exited = new Promise<number | null>((resolve) =>
      server.child.once('exit', (code) => resolve(code)),
    );
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    await waitFor(() => closeCodes.includes(1001), 'the client saw 1001 going away');
    client.destroy();

    const restarted = await startServerProcess(options);
    servers.push(restarted);
    const after = connectClient(restarted.wsUrl, DOC, token);
    await after.synced;
    expect(after.doc.getMap('m').get('before-shutdown')).toBe('kept');
    after.destroy();
  });
});
