/**
 * The messages that server processes sharing one PostgreSQL send each other with NOTIFY,
 * encoded and decoded here for both ends: the SQL store sends "stored up to seq N" inside its
 * append transaction (sqlStore.ts), the fan-out (postgres/pgFanout.ts) sends presence and
 * ended sessions and decodes all three. Each message is one zod codec from the payload text to
 * a typed message, so the sender and the receiver cannot disagree on the format, and a payload
 * that does not decode (another program on the channel, a bug) is refused with an error
 * naming what is wrong instead of being passed on half-read.
 *
 * The size limit is decided here too: PostgreSQL refuses payloads of 8000 bytes or more.
 * Payloads are pure ASCII (non-ASCII characters are escaped in the JSON), so their length in
 * bytes is their length in characters whatever the database's encoding.
 */
import { z } from 'zod';
import type { EndedSessions, SessionEndReason } from '../types';

/** The largest payload PostgreSQL accepts (NOTIFY payloads must be shorter than 8000 bytes). */
export const MAX_NOTIFY_PAYLOAD_BYTES = 7999;

/** A batch of updates one process stored for a document. */
export interface UpdatesStoredMessage {
  docName: string;
  /** The batch's last sequence number: its updates are `lastSeq - count + 1 ..= lastSeq`. */
  lastSeq: number;
  count: number;
  /** The process that stored it (absent when the sender has no fan-out of its own). */
  origin?: string;
  /** The batch itself when it fitted in the notification; otherwise read it from the log. */
  updates?: Uint8Array[];
}

/** A presence (awareness) update of a document, as a client sent it. */
export interface AwarenessMessage {
  docName: string;
  origin: string;
  update: Uint8Array;
}

/** Sessions that ended, so the other processes close their websockets. */
export interface SessionsEndedMessage {
  origin: string;
  ended: EndedSessions;
}

/** A payload that is not a message of its channel. */
export class MalformedNotificationError extends Error {
  constructor(
    /** Which message the payload should have been. */
    readonly kind: string,
    readonly payload: string,
    problem: string,
  ) {
    const excerpt = payload.length > 120 ? `${payload.slice(0, 120)}…` : payload;
    super(`malformed ${kind} notification ${JSON.stringify(excerpt)}: ${problem}`);
    this.name = 'MalformedNotificationError';
  }
}

/** JSON with every non-ASCII character escaped: its byte length is its length. */
const asciiJson = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** The payload text and the JSON value it holds, checked against `wire`. */
function json<W extends z.ZodType>(wire: W) {
  return z.codec(z.string(), wire, {
    decode: (text, payload) => {
      try {
        return JSON.parse(text);
      } catch (error) {
        payload.issues.push({
          code: 'invalid_format',
          format: 'json',
          input: text,
          message: `not JSON (${error instanceof Error ? error.message : String(error)})`,
        });
        return z.NEVER;
      }
    },
    encode: (value) => asciiJson(value),
  });
}

const toBase64 = (data: Uint8Array): string =>
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64');
// A plain Uint8Array, as the store hands out updates read from the log.
const fromBase64 = (base64: string): Uint8Array => new Uint8Array(Buffer.from(base64, 'base64'));

const docName = z.string().min(1);
const origin = z.string().min(1);
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'expected a Uint8Array');
const sessionEndReason = z.enum(['role-changed']) satisfies z.ZodType<SessionEndReason>;

const updatesStoredCodec = z.codec(
  json(
    z
      .strictObject({
        d: docName,
        s: z.int().positive(),
        n: z.int().positive(),
        p: origin.optional(),
        u: z.array(z.base64()).optional(),
      })
      .refine((wire) => wire.u === undefined || wire.u.length === wire.n, {
        message: 'the inline updates do not match their count',
        path: ['u'],
      })
      .refine((wire) => wire.n <= wire.s, { message: 'more updates than sequence numbers', path: ['n'] }),
  ),
  z.object({
    docName,
    lastSeq: z.int(),
    count: z.int(),
    origin: origin.optional(),
    updates: z.array(bytes).optional(),
  }),
  {
    decode: (wire) => ({
      docName: wire.d,
      lastSeq: wire.s,
      count: wire.n,
      ...(wire.p === undefined ? {} : { origin: wire.p }),
      ...(wire.u === undefined ? {} : { updates: wire.u.map(fromBase64) }),
    }),
    encode: (message) => ({
      d: message.docName,
      s: message.lastSeq,
      n: message.count,
      ...(message.origin === undefined ? {} : { p: message.origin }),
      ...(message.updates === undefined ? {} : { u: message.updates.map(toBase64) }),
    }),
  },
);

const awarenessCodec = z.codec(
  json(z.strictObject({ d: docName, p: origin, u: z.base64() })),
  z.object({ docName, origin, update: bytes }),
  {
    decode: (wire) => ({ docName: wire.d, origin: wire.p, update: fromBase64(wire.u) }),
    encode: (message) => ({ d: message.docName, p: message.origin, u: toBase64(message.update) }),
  },
);

const sessionsEndedCodec = z.codec(
  json(
    z.union(
      [
        z.strictObject({ p: origin, t: z.string().min(1) }),
        z.strictObject({ p: origin, uid: z.string().min(1), r: sessionEndReason.optional() }),
      ],
      {
        error:
          'expected {"p", "t"} (one session by its token hash) or {"p", "uid"} (all of a user\'s, "r" the reason)',
      },
    ),
  ),
  z.object({
    origin,
    ended: z.union([
      z.object({ tokenHash: z.string() }),
      z.object({ userId: z.string(), reason: sessionEndReason.optional() }),
    ]),
  }),
  {
    decode: (wire) => ({
      origin: wire.p,
      ended:
        't' in wire ? { tokenHash: wire.t } : { userId: wire.uid, ...(wire.r ? { reason: wire.r } : {}) },
    }),
    encode: ({ origin, ended }) =>
      'tokenHash' in ended
        ? { p: origin, t: ended.tokenHash }
        : { p: origin, uid: ended.userId, ...(ended.reason ? { r: ended.reason } : {}) },
  },
);

function decodeWith<T>(kind: string, codec: z.ZodType<T, string>, payload: string): T {
  const result = codec.safeDecode(payload);
  if (!result.success) throw new MalformedNotificationError(kind, payload, z.prettifyError(result.error));
  return result.data;
}

const fits = (payload: string) => payload.length <= MAX_NOTIFY_PAYLOAD_BYTES;

/**
 * The payload announcing a stored batch: with the updates inline when they fit, without them
 * (the receiver reads them from the log) when not. Throws when even that does not fit (a
 * document name of thousands of characters): the append then fails instead of going unheard.
 */
export function encodeUpdatesStored(message: UpdatesStoredMessage): string {
  const { updates, ...head } = message;
  // Base64 alone tells most batches too large to go inline, without encoding megabytes first.
  const base64Length = updates?.reduce((sum, update) => sum + 4 * Math.ceil(update.byteLength / 3), 0) ?? 0;
  if (updates && base64Length <= MAX_NOTIFY_PAYLOAD_BYTES) {
    const inline = z.encode(updatesStoredCodec, message);
    if (fits(inline)) return inline;
  }
  const announcement = z.encode(updatesStoredCodec, head);
  if (!fits(announcement))
    throw new Error(`the notification for ${message.docName.slice(0, 80)}… exceeds the NOTIFY limit`);
  return announcement;
}

/** Stands in for the sequence number while the rest of the payload is encoded (the largest it can be). */
const SEQ_PLACEHOLDER = Number.MAX_SAFE_INTEGER;

/**
 * The payload announcing a stored batch, around its sequence number: `before + lastSeq +
 * after` is {@link encodeUpdatesStored}'s payload (except that it leaves the updates out a few
 * bytes earlier: it keeps room for the largest number). For the append statement, which learns
 * the number only as it runs and sends the notification itself (one round trip instead of four).
 */
export function encodeUpdatesStoredAroundSeq(message: Omit<UpdatesStoredMessage, 'lastSeq'>): {
  before: string;
  after: string;
} {
  const payload = encodeUpdatesStored({ ...message, lastSeq: SEQ_PLACEHOLDER });
  // Inside a JSON string every quote is escaped, so only the key itself can match.
  const parts = payload.split(`"s":${SEQ_PLACEHOLDER}`);
  const [before, after] = parts;
  if (parts.length !== 2 || before === undefined || after === undefined)
    throw new Error('the updates notification has no single sequence number to fill in');
  return { before: `${before}"s":`, after };
}

/**
 * Whether a payload of any of the three kinds was sent by `origin`, without decoding it: a
 * process hears its own notifications too, usually most of what it hears, and skips them
 * before paying for the checks. Exact: the key with its quoted value cannot appear inside a
 * JSON string, where every quote is escaped.
 */
export const sentBy = (payload: string, origin: string): boolean =>
  payload.includes(`"p":${asciiJson(origin)}`);

/** Throws {@link MalformedNotificationError} unless `payload` is an updates notification. */
export const decodeUpdatesStored = (payload: string): UpdatesStoredMessage =>
  decodeWith('updates', updatesStoredCodec, payload);

/** The payload of a presence update, or undefined when it is too large to send (it is then not forwarded). */
export function encodeAwareness(message: AwarenessMessage): string | undefined {
  const payload = z.encode(awarenessCodec, message);
  return fits(payload) ? payload : undefined;
}

/** Throws {@link MalformedNotificationError} unless `payload` is a presence notification. */
export const decodeAwareness = (payload: string): AwarenessMessage =>
  decodeWith('awareness', awarenessCodec, payload);

/** The payload telling that sessions ended; throws when it does not fit (ids are far shorter). */
export function encodeSessionsEnded(message: SessionsEndedMessage): string {
  const payload = z.encode(sessionsEndedCodec, message);
  if (!fits(payload)) throw new Error('the ended-sessions notification exceeds the NOTIFY limit');
  return payload;
}

/** Throws {@link MalformedNotificationError} unless `payload` is an ended-sessions notification. */
export const decodeSessionsEnded = (payload: string): SessionsEndedMessage =>
  decodeWith('sessions', sessionsEndedCodec, payload);
