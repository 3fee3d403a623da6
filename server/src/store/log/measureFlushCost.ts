/**
 * Prints what the update log's background write into PGlite costs per update (issue #17), for
 * several statement shapes: run from server/ with
 * `node --import tsx src/store/log/measureFlushCost.ts`. Each round writes `BATCH` appends of
 * one 230-byte update each (100: the team scenario's 500 updates/s over the 200 ms flush delay),
 * spread over 100 documents, in one transaction. CPU is the process's (user + system).
 */

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sqlClientFor } from '../pglite/pgliteStore';
import { toHex } from '../sql/hexBytes';
import { migrate } from '../sql/migrations';
import type { SqlClient } from '../sql/sqlClient';
import { type LoggedAppend, writeAppends } from './loggedDocumentStore';

const root = mkdtempSync(join(tmpdir(), 'foljsam-flush-cost-'));
const BATCH = Number(process.env.BATCH ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 40);
const UPDATE = new Uint8Array(230).fill(3);

type Writer = (sql: SqlClient, appends: readonly LoggedAppend[], db: PGlite) => Promise<void>;

interface Bench {
  name: string;
  round(): Promise<void>;
  cpuMicros: number[];
  close(): Promise<void>;
}

async function prepare(name: string, write: Writer): Promise<Bench> {
  const db = await PGlite.create(join(root, name.replace(/\W+/g, '-')));
  const sql: SqlClient = sqlClientFor(db);
  await migrate(sql);
  await sql.query(
    `insert into documents (name, last_seq) select 'report:2099-01:bench-' || i, 0 from generate_series(0, 99) as i`,
  );
  const seqs = new Map<string, number>();
  const round = async () => {
    const appends: LoggedAppend[] = [];
    for (let index = 0; index < BATCH; index++) {
      const docName = `report:2099-01:bench-${index % 100}`;
      const firstSeq = (seqs.get(docName) ?? 0) + 1;
      seqs.set(docName, firstSeq);
      appends.push({ docName, firstSeq, at: new Date(), updates: [{ userId: 'user-1', data: UPDATE }] });
    }
    await write(sql, appends, db);
  };
  for (let index = 0; index < 5; index++) await round();
  const close = async () => {
    // Every variant must have written every row, bytes intact (a diagnostic that wrote nothing
    // would look cheap).
    const bytes = write === emptyUpdates ? new Uint8Array(0) : UPDATE;
    const { rows } = await db.query<{ count: number }>(
      'select count(*)::int as count from document_updates where data = $1',
      [bytes],
    );
    const expected = write === emptyTransaction ? 0 : (ROUNDS + 5) * BATCH;
    if (rows[0]?.count !== expected) throw new Error(`${name}: ${rows[0]?.count} rows, not ${expected}`);
    await db.close();
  };
  return { name, round, cpuMicros: [], close };
}

/** Rounds of all variants interleaved (the machine's load changes), median CPU per round. */
async function measureAll(benches: Bench[]): Promise<void> {
  for (let index = 0; index < ROUNDS; index++) {
    for (const bench of benches) {
      const cpu = process.cpuUsage();
      await bench.round();
      const used = process.cpuUsage(cpu);
      bench.cpuMicros.push(used.user + used.system);
    }
  }
  for (const bench of benches) {
    const sorted = [...bench.cpuMicros].sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1] ?? 0;
    const low = sorted[Math.floor(sorted.length / 10)] ?? 0;
    console.log(
      `${bench.name.padEnd(60)} cpu median ${(median / BATCH).toFixed(0).padStart(4)} µs/update, ` +
        `10th percentile ${(low / BATCH).toFixed(0).padStart(4)}`,
    );
    await bench.close();
  }
}

/** The statement shape before 2026-12-07: multi-row VALUES, 5 parameters a row, bytea parameters. */
const valuesWithByteaParams: Writer = async (sql, appends) => {
  const rows = appends.flatMap((append) =>
    append.updates.map((update, index) => ({ append, update, seq: append.firstSeq + index })),
  );
  await sql.transaction(async (tx) => {
    const lastSeqs = new Map<string, number>();
    for (const { append, seq } of rows) {
      lastSeqs.set(append.docName, Math.max(seq, lastSeqs.get(append.docName) ?? 0));
    }
    const documentParams: unknown[] = [];
    const documentRows: string[] = [];
    for (const [name, lastSeq] of lastSeqs) {
      documentParams.push(name, lastSeq);
      const at = documentParams.length;
      documentRows.push(`($${at - 1}::text, $${at}::bigint)`);
    }
    await tx.query(
      `insert into documents as d (name, last_seq) values ${documentRows.join(', ')}
       on conflict (name) do update set last_seq = greatest(d.last_seq, excluded.last_seq), updated_at = now()`,
      documentParams,
    );
    const updateParams: unknown[] = [];
    const updateRows: string[] = [];
    for (const { append, update, seq } of rows) {
      updateParams.push(append.docName, seq, update.data, update.userId, append.at.toISOString());
      const at = updateParams.length;
      updateRows.push(
        `($${at - 4}::text, $${at - 3}::bigint, $${at - 2}::bytea, $${at - 1}::text, $${at}::timestamptz)`,
      );
    }
    await tx.query(
      `insert into document_updates (doc_name, seq, data, user_id, created_at) values ${updateRows.join(', ')}
       on conflict (doc_name, seq) do nothing`,
      updateParams,
    );
  });
};

/** Diagnostic: the store's statements with empty updates (what the rows cost without their bytes). */
const emptyUpdates: Writer = (sql, appends) =>
  writeAppends(
    sql,
    appends.map((append) => ({
      ...append,
      updates: append.updates.map((update) => ({ ...update, data: new Uint8Array(0) })),
    })),
  );

/**
 * Diagnostic: the update rows alone through COPY (PGlite's `/dev/blob`), bytea in COPY's text
 * format. Not idempotent (COPY has no ON CONFLICT), so the store cannot use it as it is.
 */
const copyUpdateRows: Writer = async (_sql, appends, db) => {
  const lines: string[] = [];
  for (const append of appends) {
    const at = append.at.toISOString();
    append.updates.forEach((update, index) => {
      lines.push(
        `${append.docName}\t${append.firstSeq + index}\t\\\\x${toHex(update.data)}\t${update.userId}\t${at}\n`,
      );
    });
  }
  await db.query(`copy document_updates (doc_name, seq, data, user_id, created_at) from '/dev/blob'`, [], {
    blob: new Blob([lines.join('')]),
  });
};

/** Diagnostic: a transaction's fixed cost. */
const emptyTransaction: Writer = async (sql) => {
  await sql.transaction(async (tx) => {
    await tx.query('select 1');
  });
};

const variants: Record<string, Writer> = {
  'multi-row VALUES, bytea parameters (before)': valuesWithByteaParams,
  'writeAppends (unnest, hex text)': (sql, appends) => writeAppends(sql, appends),
  'writeAppends, 32 rows a statement (what smaller statements cost)': (sql, appends) =>
    writeAppends(sql, appends, { rowsPerStatement: 32 }),
  'writeAppends with empty updates (diagnostic)': emptyUpdates,
  'COPY of the update rows only (diagnostic)': copyUpdateRows,
  'empty transaction (diagnostic)': emptyTransaction,
};

try {
  const benches: Bench[] = [];
  for (const [name, write] of Object.entries(variants)) {
    if (process.env.ONLY && !new RegExp(process.env.ONLY).test(name)) continue;
    benches.push(await prepare(name, write));
  }
  await measureAll(benches);
} finally {
  rmSync(root, { recursive: true, force: true });
}
