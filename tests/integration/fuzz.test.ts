/**
 * Fuzz: thousands of malformed frames from several connections. Each bad frame closes only
 * its own connection with a documented code; the server stays up, the stored document is
 * unchanged and honest clients still converge.
 */
import { assignmentsDocumentName, readAssignments, setAssignmentStatus } from '@foljsam/domain';
import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { signIn } from '../support/auth';
import { asAuthor } from '../support/authors';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';
import { freshServerOptions, STORAGES } from '../support/storage';
import { connectClient, waitFor } from '../support/yClient';

const DOC = assignmentsDocumentName(2015);
const FRAMES = 10_000;
const CONNECTIONS_AT_ONCE = 8;
const MAX_MESSAGE_BYTES = 64 * 1024;
const SEED = 20150122;

/** Builds a frame from lib0 writes, the way a (broken) client would. */
const frame = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

type Fuzz = { kind: string; data: Uint8Array | string };

/** One malformed (or, by chance, valid) frame of a randomly chosen kind. */
function nextFrame(gen: prng.PRNG): Fuzz {
  const bytes = (max: number) => prng.uint8Array(gen, prng.int32(gen, 0, max));
  switch (prng.int32(gen, 0, 10)) {
    case 0:
      return { kind: 'random bytes', data: bytes(64) };
    case 1:
      // A varint whose continuation bit never ends.
      return { kind: 'truncated varint', data: new Uint8Array(prng.int32(gen, 1, 12)).fill(0x80) };
    case 2:
      return {
        kind: 'unknown message type',
        data: frame((e) => {
          encoding.writeVarUint(e, prng.int32(gen, 4, 100_000));
          encoding.writeUint8Array(e, bytes(16));
        }),
      };
    case 3:
      return {
        kind: 'unknown sync type',
        data: frame((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, prng.int32(gen, 3, 1000));
          encoding.writeVarUint8Array(e, bytes(16));
        }),
      };
    case 4:
      return {
        kind: 'garbage update',
        data: frame((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, prng.int32(gen, 1, 2));
          encoding.writeVarUint8Array(e, bytes(48));
        }),
      };
    case 5:
      return {
        kind: 'payload length past the end',
        data: frame((e) => {
          encoding.writeVarUint(e, prng.int32(gen, 0, 1));
          encoding.writeVarUint(e, 2);
          encoding.writeVarUint(e, prng.int32(gen, 100, 2 ** 30));
          encoding.writeUint8Array(e, bytes(8));
        }),
      };
    case 6:
      return {
        kind: 'awareness with invalid JSON',
        data: frame((e) => {
          encoding.writeVarUint(e, 1);
          encoding.writeVarUint8Array(
            e,
            frame((inner) => {
              encoding.writeVarUint(inner, 1);
              encoding.writeVarUint(inner, prng.uint32(gen, 1, 2 ** 31));
              encoding.writeVarUint(inner, 1);
              encoding.writeVarString(inner, `{"user": ${prng.word(gen, 1, 8)}`);
            }),
          );
        }),
      };
    case 7:
      return {
        kind: 'valid message with trailing bytes',
        data: frame((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint8Array(e, new Uint8Array([0]));
          encoding.writeUint8Array(
            e,
            bytes(8).map((b) => b | 1),
          );
        }),
      };
    case 8:
      return { kind: 'text frame', data: prng.word(gen, 0, 32) };
    case 9:
      return {
        kind: 'garbage state vector',
        data: frame((e) => {
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint(e, 0);
          encoding.writeVarUint8Array(e, new Uint8Array([5, 0x80]));
        }),
      };
    default:
      return { kind: 'too big', data: new Uint8Array(MAX_MESSAGE_BYTES + prng.int32(gen, 1, 4096)) };
  }
}

const QUERY_AWARENESS = frame((e) => encoding.writeVarUint(e, 3));

describe.each(STORAGES)('fuzzing the sync endpoint (%s)', (storage) => {
  let server: ServerProcess;
  let token: string;

  beforeAll(async () => {
    server = await startServerProcess(
      await freshServerOptions(storage, { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) }),
    );
    ({ token } = await signIn(server.url, 'kommunchef'));
  });

  afterAll(async () => {
    await server?.kill('SIGTERM');
  });

  /** Reads the stored document through a fresh client. */
  async function storedState(): Promise<{ stateVector: Uint8Array; content: unknown }> {
    const client = connectClient(server.wsUrl, DOC, token);
    try {
      await client.synced;
      return {
        stateVector: Y.encodeStateVector(client.doc),
        content: client.doc.getMap('assignments').toJSON(),
      };
    } finally {
      client.destroy();
    }
  }

  it(`survives ${FRAMES} malformed frames and keeps the document unchanged`, async () => {
    const before = await storedState();
    const gen = prng.create(SEED);
    const closeCodes = new Map<number, number>();
    let sent = 0;
    let stayedOpen = 0;

    /** One connection: send frames until the server closes it. */
    const oneConnection = () =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`${server.wsUrl}/${DOC}?token=${token}`);
        ws.binaryType = 'arraybuffer';
        const sendNext = () => {
          if (sent >= FRAMES) {
            ws.close();
            return;
          }
          sent++;
          ws.send(nextFrame(gen).data);
          // A valid query right behind it: its answer means the fuzz frame did not close us.
          ws.send(QUERY_AWARENESS);
        };
        ws.on('open', sendNext);
        ws.on('message', (data: ArrayBuffer) => {
          if (new Uint8Array(data)[0] === 1) {
            stayedOpen++;
            sendNext();
          }
        });
        ws.on('close', (code) => {
          closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
          resolve();
        });
        ws.on('error', reject);
      });

    const worker = async () => {
      while (sent < FRAMES) await oneConnection();
    };
    await Promise.all(Array.from({ length: CONNECTIONS_AT_ONCE }, worker));

    expect(sent).toBe(FRAMES);
    // Malformed frames close with 4400, oversized ones with 1009; nothing else.
    expect(closeCodes.get(4400) ?? 0).toBeGreaterThan(FRAMES * 0.8);
    expect(closeCodes.get(1009) ?? 0).toBeGreaterThan(0);
    expect([...closeCodes.keys()].filter((code) => ![4400, 1009, 1000, 1005].includes(code))).toEqual([]);
    expect(stayedOpen).toBeLessThan(FRAMES * 0.1);
    expect(server.logs.some((line) => line.includes('malformed message'))).toBe(true);

    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    const after = await storedState();
    expect(after.stateVector).toEqual(before.stateVector);
    expect(after.content).toEqual(before.content);
  });

  it('two honest clients still converge afterwards', async () => {
    const a = connectClient(server.wsUrl, DOC, token);
    const b = connectClient(server.wsUrl, DOC, token);
    try {
      await Promise.all([a.synced, b.synced]);
      const [first] = readAssignments(a.doc);
      if (!first) throw new Error('no assignments');
      setAssignmentStatus(a.doc, first.id, 'klar', asAuthor('kommunchef'));
      await waitFor(() => readAssignments(b.doc)[0]?.status === 'klar', 'b sees a');
      expect(readAssignments(b.doc)).toEqual(readAssignments(a.doc));
    } finally {
      a.destroy();
      b.destroy();
    }
  });
});
