import { describe, expect, it } from 'vitest';
import {
  decodeAwareness,
  decodeSessionsEnded,
  decodeUpdatesStored,
  encodeAwareness,
  encodeSessionsEnded,
  encodeUpdatesStored,
  encodeUpdatesStoredAroundSeq,
  MAX_NOTIFY_PAYLOAD_BYTES,
  MalformedNotificationError,
  sentBy,
} from './notifications';

const ORIGIN = '0b7c1f0e-3f5a-4d8e-9a51-0c2f4c7c9d11';

/** The largest update that `travels` (base64 grows in steps of 4 characters). */
function largestTravelling(travels: (update: Uint8Array) => boolean): Uint8Array {
  let [low, high] = [0, MAX_NOTIFY_PAYLOAD_BYTES];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (travels(new Uint8Array(middle))) low = middle;
    else high = middle - 1;
  }
  return new Uint8Array(low).fill(0xab);
}

describe('updates notifications', () => {
  it('round-trip a batch with its updates inline', () => {
    const message = {
      docName: 'report:2015-03:hr',
      lastSeq: 42,
      count: 2,
      origin: ORIGIN,
      updates: [new Uint8Array([1, 2, 3]), new Uint8Array([0, 255])],
    };
    const decoded = decodeUpdatesStored(encodeUpdatesStored(message));
    expect(decoded).toEqual(message);
    // Plain Uint8Arrays, like the updates the store reads from the log.
    expect(Object.getPrototypeOf(decoded.updates?.[0])).toBe(Uint8Array.prototype);
  });

  it('round-trip without an origin (a store with no fan-out of its own)', () => {
    const message = { docName: 'plan:2015', lastSeq: 1, count: 1, updates: [new Uint8Array([7])] };
    expect(decodeUpdatesStored(encodeUpdatesStored(message))).toEqual(message);
  });

  it('keep non-ASCII document names, as plain ASCII on the wire', () => {
    const message = { docName: 'rapport:2015-03:förskola', lastSeq: 3, count: 1, origin: ORIGIN };
    const payload = encodeUpdatesStored(message);
    // One byte per character, so the length checked is the length PostgreSQL sees in any encoding.
    expect(payload).toMatch(/^[\x20-\x7e]*$/);
    expect(decodeUpdatesStored(payload)).toEqual(message);
  });

  it('drop the inline updates above the limit but keep the count, so the receiver reads the log', () => {
    const head = { docName: 'plan:2015', lastSeq: 10, count: 2, origin: ORIGIN };
    const large = { ...head, updates: [new Uint8Array(4000), new Uint8Array(2000)] };
    const payload = encodeUpdatesStored(large);
    expect(payload.length).toBeLessThanOrEqual(MAX_NOTIFY_PAYLOAD_BYTES);
    expect(decodeUpdatesStored(payload)).toEqual(head);
    // Far above the limit too (the estimate decides without encoding it).
    expect(
      decodeUpdatesStored(encodeUpdatesStored({ ...head, updates: [new Uint8Array(5_000_000)] })),
    ).toEqual(head);
  });

  it('keep the updates inline up to exactly the limit', () => {
    const head = { docName: 'plan:2015', lastSeq: 10, count: 1, origin: ORIGIN };
    const largest = largestTravelling(
      (update) =>
        decodeUpdatesStored(encodeUpdatesStored({ ...head, updates: [update] })).updates !== undefined,
    );
    const fitting = encodeUpdatesStored({ ...head, updates: [largest] });
    expect(decodeUpdatesStored(fitting).updates).toEqual([largest]);
    // The limit is PostgreSQL's own, not a guess with a margin.
    expect(fitting.length).toBeGreaterThan(MAX_NOTIFY_PAYLOAD_BYTES - 4);
    // The first size that does not fit goes without its update.
    const over = new Uint8Array(largest.byteLength + 1);
    expect(decodeUpdatesStored(encodeUpdatesStored({ ...head, updates: [over] })).updates).toBeUndefined();
  });

  it('refuse a batch whose announcement alone exceeds the limit, rather than send it unheard', () => {
    expect(() => encodeUpdatesStored({ docName: 'x'.repeat(8000), lastSeq: 1, count: 1 })).toThrow(
      /exceeds the NOTIFY limit/,
    );
  });

  it('split around the sequence number, for the statement that fills it in', () => {
    const messages = [
      {
        docName: 'report:2015-03:hr',
        count: 2,
        origin: ORIGIN,
        updates: [new Uint8Array([1, 2]), new Uint8Array(9)],
      },
      { docName: 'plan:2015', count: 1 },
      // A name holding the key's own text, quoted: inside a JSON string the quotes are escaped.
      { docName: 'x"s":9007199254740991"s":', count: 1, origin: ORIGIN },
      { docName: 'rapport:2015-03:förskola', count: 1, origin: ORIGIN, updates: [new Uint8Array(4000)] },
      // Too large to go inline: the announcement alone.
      {
        docName: 'plan:2015',
        count: 2,
        origin: ORIGIN,
        updates: [new Uint8Array(4000), new Uint8Array(2000)],
      },
    ];
    for (const message of messages) {
      const { before, after } = encodeUpdatesStoredAroundSeq(message);
      for (const lastSeq of [3, 42, 1_000_000_007]) {
        const payload = `${before}${lastSeq}${after}`;
        expect(payload).toBe(encodeUpdatesStored({ ...message, lastSeq }));
        expect(decodeUpdatesStored(payload).lastSeq).toBe(lastSeq);
      }
    }
  });
});

describe('awareness notifications', () => {
  it('round-trip', () => {
    const message = { docName: 'plan:2015', origin: ORIGIN, update: new Uint8Array([1, 0, 200, 3]) };
    const payload = encodeAwareness(message);
    expect(payload).toBeDefined();
    expect(decodeAwareness(payload as string)).toEqual(message);
  });

  it('are not sent above the limit', () => {
    const encode = (update: Uint8Array) => encodeAwareness({ docName: 'plan:2015', origin: ORIGIN, update });
    const largest = largestTravelling((update) => encode(update) !== undefined);
    expect(encode(largest)?.length).toBeGreaterThan(MAX_NOTIFY_PAYLOAD_BYTES - 4);
    expect(encode(new Uint8Array(largest.byteLength + 1))).toBeUndefined();
  });
});

describe('ended-sessions notifications', () => {
  it('round-trip one session and all of a user’s, with the reason when their role changed', () => {
    for (const ended of [
      { tokenHash: 'ab'.repeat(32) },
      { userId: 'f3b2c1d0-user' },
      { userId: 'f3b2c1d0-user', reason: 'role-changed' as const },
    ]) {
      const message = { origin: ORIGIN, ended };
      expect(decodeSessionsEnded(encodeSessionsEnded(message))).toEqual(message);
    }
  });
});

describe('the sender of a payload', () => {
  const OTHER = '5d1f2e8a-9b3c-4e7f-8a6d-2c4b9e1f0a37';

  it('is told without decoding, for every kind', () => {
    const payloads = [
      encodeUpdatesStored({
        docName: 'plan:2015',
        lastSeq: 4,
        count: 1,
        origin: ORIGIN,
        updates: [new Uint8Array([1])],
      }),
      encodeAwareness({ docName: 'plan:2015', origin: ORIGIN, update: new Uint8Array([2]) }) ?? '',
      encodeSessionsEnded({ origin: ORIGIN, ended: { userId: 'chef-hr' } }),
    ];
    for (const payload of payloads) {
      expect(sentBy(payload, ORIGIN)).toBe(true);
      expect(sentBy(payload, OTHER)).toBe(false);
    }
    // No origin at all (a store with no fan-out of its own).
    expect(sentBy(encodeUpdatesStored({ docName: 'plan:2015', lastSeq: 1, count: 1 }), ORIGIN)).toBe(false);
  });

  it('is not fooled by a document name that quotes another origin', () => {
    const payload = encodeUpdatesStored({
      docName: `x","p":"${ORIGIN}"`,
      lastSeq: 1,
      count: 1,
      origin: OTHER,
    });
    expect(sentBy(payload, ORIGIN)).toBe(false);
    expect(sentBy(payload, OTHER)).toBe(true);
  });
});

describe('malformed payloads', () => {
  const rejected = (decode: (payload: string) => unknown, payload: string) => {
    try {
      decode(payload);
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedNotificationError);
      return (error as Error).message;
    }
    throw new Error(`accepted ${payload}`);
  };

  it('are rejected when not JSON', () => {
    expect(rejected(decodeUpdatesStored, '')).toMatch(/malformed updates notification "": .*not JSON/);
    expect(rejected(decodeAwareness, 'hello')).toMatch(/not JSON/);
    expect(rejected(decodeSessionsEnded, '{"p":')).toMatch(/not JSON/);
  });

  it('are rejected with the field that has the wrong type', () => {
    expect(rejected(decodeUpdatesStored, '{"d":"plan:2015","s":"3","n":1}')).toMatch(
      /expected number, received string\s+→ at s/,
    );
    expect(rejected(decodeUpdatesStored, '{"d":"plan:2015","s":3.5,"n":1}')).toMatch(/at s/);
    expect(rejected(decodeUpdatesStored, '{"d":"plan:2015","s":3,"n":0}')).toMatch(/at n/);
    expect(rejected(decodeUpdatesStored, '{"d":"plan:2015","s":3,"n":1,"u":"AQ=="}')).toMatch(
      /expected array, received string\s+→ at u/,
    );
    expect(rejected(decodeAwareness, `{"d":7,"p":"${ORIGIN}","u":"AQ=="}`)).toMatch(/at d/);
    expect(rejected(decodeUpdatesStored, '[1,2]')).toMatch(/expected object, received array/);
    expect(rejected(decodeSessionsEnded, 'null')).toMatch(/expected \{"p", "t"\}/);
  });

  it('are rejected when a field is missing', () => {
    expect(rejected(decodeUpdatesStored, '{"d":"plan:2015","n":1}')).toMatch(/received undefined\s+→ at s/);
    expect(rejected(decodeAwareness, `{"d":"plan:2015","p":"${ORIGIN}"}`)).toMatch(/at u/);
    expect(rejected(decodeAwareness, '{"d":"plan:2015","u":"AQ=="}')).toMatch(/at p/);
    expect(rejected(decodeSessionsEnded, `{"p":"${ORIGIN}"}`)).toMatch(/expected \{"p", "t"\}/);
  });

  it('are rejected when the base64 is not base64', () => {
    expect(rejected(decodeUpdatesStored, '{"d":"plan:2015","s":3,"n":2,"u":["AQ==","AQ*="]}')).toMatch(
      /Invalid base64.*\s+→ at u\[1\]/,
    );
    expect(rejected(decodeAwareness, `{"d":"plan:2015","p":"${ORIGIN}","u":"AQ"}`)).toMatch(
      /Invalid base64.*\s+→ at u/,
    );
  });

  it('are rejected when inconsistent or ambiguous', () => {
    // Two updates announced, one carried: passing on one would lose the other.
    expect(rejected(decodeUpdatesStored, '{"d":"plan:2015","s":3,"n":2,"u":["AQ=="]}')).toMatch(
      /do not match their count/,
    );
    expect(rejected(decodeUpdatesStored, '{"d":"plan:2015","s":1,"n":2}')).toMatch(
      /more updates than sequence/,
    );
    // One session or all of a user's, never both at once.
    expect(rejected(decodeSessionsEnded, `{"p":"${ORIGIN}","t":"ab","uid":"u"}`)).toMatch(/expected/);
    // Unknown fields mean a sender that is not this version of the server.
    expect(rejected(decodeAwareness, `{"d":"plan:2015","p":"${ORIGIN}","u":"AQ==","x":1}`)).toMatch(
      /Unrecognized key/,
    );
  });
});
