/**
 * Kills a process appending through the real PGlite store (crashChild.ts) at seeded random
 * moments, flushes into PGlite included, and checks after reopening that every acknowledged
 * update is stored, in order, and nothing else but whole appends; then a torn last record
 * written by hand is cut off, not loaded.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import * as prng from 'lib0/prng';
import { afterAll, describe, expect, it } from 'vitest';
import { openPgliteStore } from '../pglite/pgliteStore';
import { frameRecord } from './appendLog';
import { encodeAppend } from './loggedDocumentStore';

const dataDir = mkdtempSync(join(tmpdir(), 'foljsam-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const CHILD = new URL('./crashChild.ts', import.meta.url).pathname;

/** Acknowledged updates per document: seq → label. */
const acknowledged = new Map<string, Map<number, string>>();

/** Runs the child until it has reported `acks` acknowledged appends, then SIGKILLs it. */
function runAndKill(round: number, acks: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir, String(round)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let seen = 0;
    let killed = false;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (killed && signal === 'SIGKILL') resolve();
      else
        reject(new Error(`the child exited by itself (code ${code}, signal ${signal}) after ${seen} acks`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const [kind, doc, seqText, countText, labels] = line.split(' ');
      if (kind !== 'ack' || killed) return;
      const lastSeq = Number(seqText);
      const perDoc = acknowledged.get(doc as string) ?? new Map<number, string>();
      acknowledged.set(doc as string, perDoc);
      (labels as string).split(',').forEach((label, index) => {
        perDoc.set(lastSeq - Number(countText) + 1 + index, label);
      });
      if (++seen >= acks) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
  });
}

describe('update log crash recovery', () => {
  it('keeps every acknowledged update through SIGKILLs at random moments, and loads no torn record', async () => {
    const random = prng.create(1_728);
    for (let round = 1; round <= 4; round++) {
      // Sometimes within the first flush, sometimes after several.
      await runAndKill(round, prng.int32(random, 20, 1500));
    }
    // A crash in the middle of writing a record: its first part is on disk, the rest is not.
    const logDir = join(dataDir, 'update-log');
    const last = readdirSync(logDir).sort().at(-1) as string;
    const torn = frameRecord(
      encodeAppend({
        docName: 'report:2015-01:torn',
        firstSeq: 1,
        at: new Date(),
        updates: [{ userId: 'crash-test', data: new Uint8Array(64).fill(1) }],
      }),
    );
    appendFileSync(join(logDir, last), torn.subarray(0, torn.length - 5));

    const warnings: string[] = [];
    const store = await openPgliteStore(dataDir, { warn: (message) => warnings.push(message) });
    try {
      expect(warnings.join('\n')).toContain('torn or corrupt tail');
      expect((await store.documents.load('report:2015-01:torn')).lastSeq).toBe(0);
      const decoder = new TextDecoder();
      let total = 0;
      for (const [doc, perDoc] of acknowledged) {
        const log = await store.documents.loadLog(doc);
        // In order, without gaps, and every row is an update this test wrote to this document.
        expect(log.map((entry) => entry.seq)).toEqual(log.map((_, index) => index + 1));
        const labels = log.map((entry) => {
          const [name, label] = decoder.decode(entry.data).split('|');
          expect(name).toBe(doc);
          return label;
        });
        for (const [seq, label] of perDoc) expect(labels[seq - 1]).toBe(label);
        total += perDoc.size;
      }
      expect(total).toBeGreaterThan(100);
    } finally {
      await store.close();
    }
  }, 120_000);
});
