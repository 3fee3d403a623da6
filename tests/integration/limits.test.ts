/**
 * The per-connection message rate limit: a client that floods is closed with 4429; other
 * clients of the same document and user keep working.
 */
import { reportDocumentName } from '@foljsam/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { signIn } from '../support/auth';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

const DOC = reportDocumentName('2015-03', 'hr');
/** A "query awareness" message: the cheapest valid frame. */
const QUERY_AWARENESS = new Uint8Array([3]);

describe('message rate limit', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess(
      await freshServerOptions('pglite', { MAX_MESSAGES_PER_SECOND: '20', MAX_MESSAGE_BURST: '50' }),
    );
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  it('closes a flooding connection with 4429 and leaves the others alone', async () => {
    const { token } = await signIn(server.url, 'chef-hr');
    const writer = connectClient(server.wsUrl, DOC, token);
    await writer.synced;

    const flooder = new WebSocket(`${server.wsUrl}/${DOC}?token=${token}`);
    await new Promise((resolve, reject) => {
      flooder.once('open', resolve);
      flooder.once('error', reject);
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      flooder.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    for (let i = 0; i < 500; i++) flooder.send(QUERY_AWARENESS);
    expect(await closed).toEqual({ code: 4429, reason: 'too many messages' });

    // The same user's other connection still works.
    writer.doc.getMap('indicatorOutcomes').set('rate-probe', 1);
    const reader = connectClient(server.wsUrl, DOC, token);
    await reader.synced;
    await waitFor(
      () => reader.doc.getMap('indicatorOutcomes').get('rate-probe') === 1,
      'the write after the flood',
    );
    expect(writer.provider.wsconnected).toBe(true);
    reader.destroy();
    writer.destroy();
  });
});
