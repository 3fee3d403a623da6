import { describe, expect, it } from 'vitest';
import { type Append, GroupCommit } from './groupCommit';

/**
 * A document log in memory with the semantics the SQL write has: a group is one transaction
 * (all of it is stored or none), and an update it cannot store fails the whole group. Updates
 * are strings; an empty one is refused, as the database refuses a bad row.
 */
class MemoryLog {
  readonly logs = new Map<string, string[]>();
  /** Every group written, in order, and whether it was stored. */
  readonly groups: { names: string[]; stored: boolean }[] = [];
  private gate: Promise<void> | null = null;

  /** Holds the next write in flight until the returned function is called. */
  hold(): () => void {
    let release = () => {};
    this.gate = new Promise((resolve) => {
      release = resolve;
    });
    return release;
  }

  readonly write = async (appends: readonly Append<string>[]): Promise<Map<string, number>> => {
    const gate = this.gate;
    this.gate = null;
    if (gate) await gate;
    const names = appends.map((append) => append.docName);
    const bad = appends.find((append) => append.updates.some((update) => update === ''));
    this.groups.push({ names, stored: !bad });
    if (bad) throw new Error(`empty update for ${bad.docName}`);
    const lastSeqs = new Map<string, number>();
    for (const { docName, updates } of appends) {
      const log = this.logs.get(docName) ?? [];
      log.push(...updates);
      this.logs.set(docName, log);
      lastSeqs.set(docName, log.length);
    }
    return lastSeqs;
  };
}

describe('group commit', () => {
  it('writes an append at once when nothing is in flight', async () => {
    const log = new MemoryLog();
    const commit = new GroupCommit(log.write);
    expect(await commit.append('plan:2015', ['a', 'b'])).toBe(2);
    expect(await commit.append('plan:2015', ['c'])).toBe(3);
    expect(log.groups).toEqual([
      { names: ['plan:2015'], stored: true },
      { names: ['plan:2015'], stored: true },
    ]);
  });

  it('writes the appends that arrived while one was in flight together, sorted by name', async () => {
    const log = new MemoryLog();
    const commit = new GroupCommit(log.write);
    const release = log.hold();
    const first = commit.append('report:b', ['b1']);
    const waiting = [
      commit.append('report:c', ['c1', 'c2']),
      commit.append('report:a', ['a1']),
      commit.append('report:d', ['d1']),
    ];
    release();
    expect(await Promise.all([first, ...waiting])).toEqual([1, 2, 1, 1]);
    // Sorted so that two processes lock document rows in the same order and cannot deadlock.
    expect(log.groups).toEqual([
      { names: ['report:b'], stored: true },
      { names: ['report:a', 'report:c', 'report:d'], stored: true },
    ]);
  });

  it('leaves a document’s second append for the next group, keeping its order', async () => {
    const log = new MemoryLog();
    const commit = new GroupCommit(log.write);
    const release = log.hold();
    const first = commit.append('report:x', ['x0']);
    const appends = [
      commit.append('report:b', ['b1']),
      commit.append('report:a', ['a1']),
      commit.append('report:b', ['b2', 'b3']),
      commit.append('report:a', ['a2']),
      commit.append('report:b', ['b4']),
    ];
    release();
    expect(await Promise.all([first, ...appends])).toEqual([1, 1, 1, 3, 2, 4]);
    expect(log.groups.map((group) => group.names)).toEqual([
      ['report:x'],
      ['report:a', 'report:b'],
      ['report:a', 'report:b'],
      ['report:b'],
    ]);
    expect(log.logs.get('report:b')).toEqual(['b1', 'b2', 'b3', 'b4']);
    expect(log.logs.get('report:a')).toEqual(['a1', 'a2']);
  });

  it('caps the updates of a group, without letting later appends jump the queue', async () => {
    const log = new MemoryLog();
    const commit = new GroupCommit(log.write, 3);
    const release = log.hold();
    const appends = [
      commit.append('first', ['f1']),
      commit.append('x', ['x1', 'x2']),
      commit.append('y', ['y1', 'y2']),
      commit.append('z', ['z1']),
      // Larger than the cap on its own: it still goes, alone.
      commit.append('w', ['w1', 'w2', 'w3', 'w4']),
    ];
    release();
    expect(await Promise.all(appends)).toEqual([1, 2, 2, 1, 4]);
    expect(log.groups.map((group) => group.names)).toEqual([['first'], ['x'], ['y', 'z'], ['w']]);
  });

  it('fails only the bad append of a group; the others are stored', async () => {
    const log = new MemoryLog();
    const commit = new GroupCommit(log.write);
    const release = log.hold();
    const first = commit.append('first', ['f1']);
    const good = commit.append('report:a', ['a1']);
    const bad = commit.append('report:b', ['b1', '']);
    const alsoGood = commit.append('report:c', ['c1', 'c2']);
    release();
    expect(await first).toBe(1);
    expect(await good).toBe(1);
    await expect(bad).rejects.toThrow('empty update for report:b');
    expect(await alsoGood).toBe(2);
    // The group failed as a whole, then each was tried on its own.
    expect(log.groups).toEqual([
      { names: ['first'], stored: true },
      { names: ['report:a', 'report:b', 'report:c'], stored: false },
      { names: ['report:a'], stored: true },
      { names: ['report:b'], stored: false },
      { names: ['report:c'], stored: true },
    ]);
    expect(log.logs.has('report:b')).toBe(false);
    // The document is not stuck: its next append goes through.
    expect(await commit.append('report:b', ['b2'])).toBe(1);
  });

  it('reports a failed append alone without trying it again', async () => {
    const log = new MemoryLog();
    const commit = new GroupCommit(log.write);
    await expect(commit.append('report:a', [''])).rejects.toThrow('empty update for report:a');
    expect(log.groups).toEqual([{ names: ['report:a'], stored: false }]);
  });

  it('rejects an append whose document the write did not report', async () => {
    const commit = new GroupCommit<string>(async () => new Map([['other', 1]]));
    await expect(commit.append('report:a', ['a1'])).rejects.toThrow('no sequence number for report:a');
  });
});
