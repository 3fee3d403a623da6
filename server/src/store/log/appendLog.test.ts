import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppendLog, frameRecord, parseRecords, recoverLogFile } from './appendLog';

const dir = mkdtempSync(join(tmpdir(), 'foljsam-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newPath = () => join(dir, `${++files}.log`);

const payloads = [
  new Uint8Array([1, 2, 3]),
  new Uint8Array(0),
  new Uint8Array(300).fill(7),
  new Uint8Array([9]),
];

describe('append log', () => {
  it('reads back what it appended, also appends grouped into one write, and continues after reopening', async () => {
    const path = newPath();
    const log = await AppendLog.open(path);
    await log.append(payloads[0] as Uint8Array);
    // Appended while the first group is in flight: written and synced together.
    await Promise.all(payloads.slice(1, 3).map((payload) => log.append(payload)));
    await log.close();
    const again = await AppendLog.open(path);
    await again.append(payloads[3] as Uint8Array);
    await again.close();
    const recovered = await recoverLogFile(path);
    expect(recovered.payloads.map((payload) => new Uint8Array(payload))).toEqual(payloads);
    expect(recovered.discardedBytes).toBe(0);
  });

  it('reads an absent or empty file as no records', async () => {
    expect(await recoverLogFile(join(dir, 'absent.log'))).toEqual({
      payloads: [],
      validBytes: 0,
      discardedBytes: 0,
    });
    const empty = newPath();
    writeFileSync(empty, '');
    expect(await recoverLogFile(empty)).toEqual({ payloads: [], validBytes: 0, discardedBytes: 0 });
  });

  it('cuts off a last record torn at any byte, keeping every record before it', async () => {
    const whole = Buffer.concat(payloads.map(frameRecord));
    const last = frameRecord(payloads[3] as Uint8Array).length;
    const before = whole.length - last;
    for (let cut = before; cut < whole.length; cut++) {
      const path = newPath();
      writeFileSync(path, whole.subarray(0, cut));
      const recovered = await recoverLogFile(path);
      expect(recovered.payloads.map((payload) => new Uint8Array(payload))).toEqual(payloads.slice(0, 3));
      expect(recovered.discardedBytes).toBe(cut - before);
      // Cut off on disk, so that appends continue after the last whole record.
      expect(readFileSync(path).length).toBe(before);
      const log = await AppendLog.open(path);
      await log.append(new Uint8Array([42]));
      await log.close();
      expect((await recoverLogFile(path)).payloads.map((payload) => new Uint8Array(payload))).toEqual([
        ...payloads.slice(0, 3),
        new Uint8Array([42]),
      ]);
    }
  });

  it('stops at a record whose bytes changed (a flipped byte in its payload, checksum or length)', () => {
    const records = payloads.map(frameRecord);
    const whole = Buffer.concat(records);
    const third = (records[0]?.length ?? 0) + (records[1]?.length ?? 0);
    for (const offset of [third, third + 4, third + 8, third + 100]) {
      const bytes = Buffer.from(whole);
      bytes[offset] = (bytes[offset] ?? 0) ^ 0x10;
      const parsed = parseRecords(bytes);
      expect(parsed.payloads.map((payload) => new Uint8Array(payload))).toEqual(payloads.slice(0, 2));
      expect(parsed.validBytes).toBe(third);
    }
  });

  it('has a record in the file when its append resolves, and sync resolves once everything before it is synced', async () => {
    const path = newPath();
    const log = await AppendLog.open(path);
    const first = log.append(payloads[0] as Uint8Array);
    // Asked for before the record is even written: it waits for the write and the fdatasync after it.
    const synced = log.sync();
    // Had sync resolved before the write, the file would still be empty here.
    await synced;
    expect(readFileSync(path).length).toBe(frameRecord(payloads[0] as Uint8Array).length);
    await first;
    const second = log.append(payloads[2] as Uint8Array);
    const syncedAgain = log.sync();
    await Promise.all([second, syncedAgain]);
    expect(parseRecords(readFileSync(path)).payloads).toHaveLength(2);
    // Nothing appended since: resolves at once.
    await log.sync();
    await log.close();
  });

  it('spaces its fdatasyncs out: a stream of appends shares a few, and every sync still resolves', async () => {
    const path = newPath();
    const intervalMs = 1000;
    const log = await AppendLog.open(path, { syncIntervalMs: intervalMs });
    const started = performance.now();
    const synced: Promise<void>[] = [];
    for (let index = 0; index < 20; index++) {
      await log.append(new Uint8Array([index]));
      synced.push(log.sync());
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const elapsed = performance.now() - started;
    await Promise.all(synced);
    // One fdatasync at once for the first append; the others share ones at least a second apart
    // (without the interval, nearly every append would have had its own).
    expect(log.syncs).toBeGreaterThanOrEqual(1);
    expect(log.syncs).toBeLessThanOrEqual(Math.ceil(elapsed / intervalMs) + 1);
    expect(parseRecords(readFileSync(path)).payloads).toHaveLength(20);
    await log.close();
  });

  it('rejects the append, its sync and every later append when a write fails', async () => {
    // Every write to /dev/full fails with ENOSPC.
    const log = await AppendLog.open('/dev/full');
    const append = log.append(new Uint8Array([1, 2, 3]));
    const synced = log.sync();
    await expect(append).rejects.toThrow(/ENOSPC/);
    await expect(synced).rejects.toThrow(/ENOSPC/);
    await expect(log.append(new Uint8Array([4]))).rejects.toThrow(/ENOSPC/);
    await expect(log.sync()).rejects.toThrow(/ENOSPC/);
    await log.close();
  });
});
