/**
 * Limits of the sync server: the per-connection message rate (a client that floods is closed
 * with 4429; other clients of the same document and user keep working), the per-document size
 * (a change past MAX_DOCUMENT_BYTES is refused, also after a restart), and the per-user write
 * budget (a user sending more bytes than WRITE_BUDGET_* allow is closed with 4429).
 */
import { reportDocumentName } from '@foljsam/domain';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { connectRawClient } from '../support/rawClient';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

const DOC = reportDocumentName('2015-03', 'hr');
/** A "query awareness" message: the cheapest valid frame. */
const QUERY_AWARENESS = new Uint8Array([3]);

// One server for the message rate and the write budget: their tests use documents of their own.
// The rules themselves are unit-tested (server/src/sync: MessageReceiver, WriteBudget); these
// check that a real server enforces them on real connections.
let server: ServerProcess;
beforeAll(async () => {
  server = await startServerProcess(
    await freshServerOptions('pglite', {
      MAX_MESSAGES_PER_SECOND: '20',
      MAX_MESSAGE_BURST: '50',
      WRITE_BUDGET_BURST_BYTES: '250000',
      WRITE_BUDGET_BYTES_PER_MINUTE: '60000',
    }),
  );
});
afterAll(async () => {
  await server?.kill('SIGTERM');
});

describe('message rate limit', () => {
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

describe('frames', () => {
  it('handles every frame exactly once, from the first one on', async () => {
    // The server reads frames from the socket itself, not through hono's onMessage (which
    // copies each one); a frame handled twice would be answered twice and counted twice
    // against the burst of 50.
    const { token } = await signIn(server.url, 'chef-hr');
    const socket = new WebSocket(`${server.wsUrl}/${DOC}?token=${token}`);
    socket.binaryType = 'arraybuffer';
    let awarenessReplies = 0;
    const synced = new Promise<number | string>((resolve) => {
      socket.on('message', (data: ArrayBuffer) => {
        const bytes = new Uint8Array(data);
        if (bytes[0] === 1) awarenessReplies++;
        // Sync step 2 (the answer to the step 1 sent last): every earlier frame was answered.
        if (bytes[0] === 0 && bytes[1] === syncProtocol.messageYjsSyncStep2) resolve(awarenessReplies);
      });
      socket.once('close', (code) => resolve(`closed with ${code}`));
    });
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    try {
      const queries = 30;
      for (let i = 0; i < queries; i++) socket.send(QUERY_AWARENESS);
      const step1 = encoding.createEncoder();
      encoding.writeVarUint(step1, 0);
      syncProtocol.writeSyncStep1(step1, new Y.Doc());
      socket.send(encoding.toUint8Array(step1));
      // One awareness message per query, plus the one the server sends on open when the
      // document has presence states; a frame handled twice would double the count.
      const replies = await synced;
      expect(replies === queries || replies === queries + 1, `awareness replies: ${replies}`).toBe(true);
    } finally {
      socket.close();
    }
  });
});

/** A text of `length` characters typed into an item's analysis, as the client sends it. */
function typedAnalysis(doc: Y.Doc, item: string, length: number): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getXmlFragment(`analysis:${item}`).insert(0, [new Y.XmlText('x'.repeat(length))]);
  return Y.encodeStateAsUpdate(doc, before);
}

describe.each(STORAGES)('document size limit (%s)', (storage) => {
  it('refuses a change that would take a document past MAX_DOCUMENT_BYTES, also after a restart', async () => {
    const options = await freshServerOptions(storage, { MAX_DOCUMENT_BYTES: '200000' });
    let server = await startServerProcess(options);
    try {
      const doc = reportDocumentName('2015-07', 'hr');
      let { token } = await signIn(server.url, 'chef-hr');
      const writer = await connectRawClient(server.wsUrl, doc, token);
      writer.sendUpdate(typedAnalysis(writer.doc, 'goal:g1', 90_000), 'update');
      writer.sendUpdate(typedAnalysis(writer.doc, 'goal:g2', 90_000), 'update');
      writer.sendUpdate(typedAnalysis(writer.doc, 'goal:g3', 90_000), 'update');
      await waitFor(() => writer.denied.length > 0, 'the third text is refused');
      expect(writer.denied).toEqual([expect.stringContaining('size limit')]);
      await writer.close();

      await server.kill('SIGTERM');
      server = await startServerProcess(options);
      ({ token } = await signIn(server.url, 'chef-hr'));
      const again = await connectRawClient(server.wsUrl, doc, token);
      expect(again.doc.getXmlFragment('analysis:goal:g1').length).toBe(1);
      expect(again.doc.getXmlFragment('analysis:goal:g2').length).toBe(1);
      expect(again.doc.getXmlFragment('analysis:goal:g3').length).toBe(0);
      again.sendUpdate(typedAnalysis(again.doc, 'goal:g4', 90_000), 'update');
      await waitFor(() => again.denied.length > 0, 'still full after the restart');
      await again.close();
    } finally {
      await server.kill('SIGTERM');
    }
  });
});

describe('write budget', () => {
  it('closes a user past their budget with 4429, across their documents, and not another user', async () => {
    const { token } = await signIn(server.url, 'chef-hr');
    const first = await connectRawClient(server.wsUrl, reportDocumentName('2015-08', 'hr'), token);
    const second = new WebSocket(`${server.wsUrl}/${reportDocumentName('2015-09', 'hr')}?token=${token}`);
    await new Promise((resolve, reject) => {
      second.once('open', resolve);
      second.once('error', reject);
    });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      second.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    first.sendUpdate(typedAnalysis(first.doc, 'goal:g1', 90_000), 'update');
    first.sendUpdate(typedAnalysis(first.doc, 'goal:g2', 90_000), 'update');
    // Both are charged once stored (frames of two sockets are not ordered between them).
    const manager = await signIn(server.url, 'kommunchef');
    const watcher = connectClient(server.wsUrl, reportDocumentName('2015-08', 'hr'), manager.token);
    await watcher.synced;
    await waitFor(() => watcher.doc.getXmlFragment('analysis:goal:g2').length === 1, 'the first two texts');
    watcher.destroy();
    // The third 90 kB goes through the same user's other connection: the budget is the user's.
    const scratch = new Y.Doc();
    second.send(updateMessage(typedAnalysis(scratch, 'goal:g3', 90_000)));
    expect(await closed).toEqual({ code: 4429, reason: 'write budget exceeded, try again shortly' });
    scratch.destroy();
    await first.close();

    // Another user is not affected.
    const other = await connectRawClient(server.wsUrl, reportDocumentName('2015-08', 'hr'), manager.token);
    other.sendUpdate(typedAnalysis(other.doc, 'goal:g5', 90_000), 'update');
    const reader = connectClient(server.wsUrl, reportDocumentName('2015-08', 'hr'), manager.token);
    await reader.synced;
    await waitFor(() => reader.doc.getXmlFragment('analysis:goal:g5').length === 1, "the other user's text");
    reader.destroy();
    await other.close();
  });
});

/** A y-websocket "update" message carrying `update`. */
function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, 0);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsUpdate);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
