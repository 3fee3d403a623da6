/**
 * Fuzz of the wiring: malformed frames of every kind over real sockets, several connections at
 * once. Each bad frame closes only its own connection with the code its kind is documented to
 * get; the server stays up, the stored document is unchanged and honest clients still converge.
 * The decoder itself is fuzzed with 100,000 seeded random frames in its unit test
 * (server/src/sync/protocol.test.ts); here every frame costs a connection, so a couple of
 * thousand suffice to send each kind a hundred times or more.
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
const FRAMES = 2_000;
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
    /** Per kind of frame: how often the server closed the connection with each code, or kept it open. */
    const outcomes = new Map<string, Map<number | 'open', number>>();
    const count = (kind: string, outcome: number | 'open') => {
      const byOutcome = outcomes.get(kind) ?? new Map<number | 'open', number>();
      byOutcome.set(outcome, (byOutcome.get(outcome) ?? 0) + 1);
      outcomes.set(kind, byOutcome);
    };
    const ownCloses = new Set<number>();
    let sent = 0;

    /** One connection: send frames until the server closes it. */
    const oneConnection = () =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(`${server.wsUrl}/${DOC}?token=${token}`);
        ws.binaryType = 'arraybuffer';
        /** The kind of the frame sent last, whose answer (or close) is awaited. */
        let pending: string | null = null;
        const sendNext = () => {
          if (sent >= FRAMES) {
            ws.close();
            return;
          }
          sent++;
          const fuzz = nextFrame(gen);
          pending = fuzz.kind;
          ws.send(fuzz.data);
          // A valid query right behind it: its answer means the fuzz frame did not close us.
          ws.send(QUERY_AWARENESS);
        };
        ws.on('open', sendNext);
        ws.on('message', (data: ArrayBuffer) => {
          if (new Uint8Array(data)[0] === 1 && pending) {
            count(pending, 'open');
            pending = null;
            sendNext();
          }
        });
        ws.on('close', (code) => {
          // A close after the last answer is our own (1000, or 1005 when it raced the server's).
          if (pending) count(pending, code);
          else ownCloses.add(code);
          resolve();
        });
        ws.on('error', reject);
      });

    const worker = async () => {
      while (sent < FRAMES) await oneConnection();
    };
    await Promise.all(Array.from({ length: CONNECTIONS_AT_ONCE }, worker));

    expect(sent).toBe(FRAMES);
    expect([...ownCloses].filter((code) => code !== 1000 && code !== 1005)).toEqual([]);
    const report = JSON.stringify(
      Object.fromEntries([...outcomes].map(([kind, byOutcome]) => [kind, Object.fromEntries(byOutcome)])),
    );
    // Every kind was sent often enough to mean something.
    expect(outcomes.size, report).toBe(11);
    for (const [kind, byOutcome] of outcomes) {
      expect(
        [...byOutcome.values()].reduce((a, b) => a + b),
        `${kind}: ${report}`,
      ).toBeGreaterThan(100);
    }
    // Frames that cannot be valid close their connection with the documented code, every time.
    const expected: Record<string, number> = {
      'truncated varint': 4400,
      'unknown message type': 4400,
      'unknown sync type': 4400,
      'payload length past the end': 4400,
      'awareness with invalid JSON': 4400,
      'text frame': 4400,
      'garbage state vector': 4400,
      'too big': 1009,
    };
    for (const [kind, code] of Object.entries(expected)) {
      expect([...(outcomes.get(kind)?.keys() ?? [])], `${kind}: ${report}`).toEqual([code]);
    }
    // Random bytes, a garbage update and a valid message followed by random bytes (which may
    // read as a second valid message) may by chance be valid; otherwise they close with 4400.
    for (const kind of ['random bytes', 'garbage update', 'valid message with trailing bytes']) {
      const byOutcome = outcomes.get(kind) ?? new Map();
      expect([...byOutcome.keys()].filter((outcome) => outcome !== 4400 && outcome !== 'open')).toEqual([]);
      expect(byOutcome.get(4400) ?? 0, `${kind}: ${report}`).toBeGreaterThan(
        (byOutcome.get('open') ?? 0) * 4,
      );
    }
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
