/**
 * `pnpm --filter @foljsam/bench offline`: the offline merge figures against Följsam on
 * PGlite. Three y-websocket clients go offline on one report document, make 1,000 edits each
 * (through the domain helpers), and reconnect at once: the time until all three hold the same
 * document, and the bytes each client sends and receives on the reconnect. Median of 5 runs.
 *
 * Not measured here: reload → first data offline in Chromium (see bench/README.md).
 */
import { setIndicatorOutcome, setItemStatus } from '@foljsam/domain';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { collectRefusals } from './clients';
import { median } from './stats';
import { FOLJSAM_USER, FoljsamTarget } from './targets/foljsam';

/** Who the benchmark's writes are recorded as: the user the target signs in as (the server refuses others). */
const BENCH_AUTHOR = FOLJSAM_USER;

const CLIENTS = 3;
const EDITS = 1_000;
const RUNS = Number(process.env.BENCH_OFFLINE_RUNS ?? 5);

/** A `ws` WebSocket that counts the bytes it sends and receives. */
function countingWebSocket(counter: { sent: number; received: number }) {
  return class CountingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols);
      this.on('message', (data: Buffer) => {
        counter.received += data.byteLength;
      });
    }
    override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
      counter.sent += (data as ArrayBufferView).byteLength ?? 0;
      // biome-ignore lint/suspicious/noExplicitAny: ws's overloads
      (super.send as any)(data, ...rest);
    }
  };
}

async function waitUntil(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

const stateOf = (doc: Y.Doc) => Buffer.from(Y.encodeStateVector(doc)).toString('hex');

async function main(): Promise<void> {
  const target = new FoljsamTarget('pglite');
  await target.prepare?.();
  const running = await target.start({ cpu: undefined });
  const mergeMs: number[] = [];
  const sentBytes: number[] = [];
  const receivedBytes: number[] = [];
  try {
    for (let run = 0; run < RUNS; run++) {
      const name = target.documentName(run);
      const clients = Array.from({ length: CLIENTS }, () => {
        const counter = { sent: 0, received: 0 };
        const doc = new Y.Doc();
        const provider = new WebsocketProvider(running.wsUrls[0] as string, name, doc, {
          WebSocketPolyfill: countingWebSocket(counter) as unknown as typeof globalThis.WebSocket,
          disableBc: true,
          params: { token: running.token },
          maxBackoffTime: 100,
        });
        const refusals: string[] = [];
        collectRefusals(provider, refusals);
        return { doc, provider, counter, refusals };
      });
      await waitUntil(() => clients.every(({ provider }) => provider.synced));
      for (const { provider } of clients) provider.disconnect();
      clients.forEach(({ doc }, c) => {
        for (let i = 0; i < EDITS; i++) {
          if (i % 2 === 0) setIndicatorOutcome(doc, `ind-${c}-${i % 100}`, i, BENCH_AUTHOR);
          else setItemStatus(doc, `goal:g-${c}-${i % 50}`, i % 3 === 0 ? 'gron' : 'gul', BENCH_AUTHOR);
        }
      });
      for (const { counter } of clients) {
        counter.sent = 0;
        counter.received = 0;
      }
      const started = performance.now();
      for (const { provider } of clients) provider.connect();
      await waitUntil(() => {
        const refused = clients.flatMap(({ refusals }) => refusals);
        if (refused.length > 0)
          throw new Error(`the server refused the offline edits: ${refused.join('; ')}`);
        const states = clients.map(({ doc }) => stateOf(doc));
        return (
          states.every((state) => state === states[0]) &&
          clients.every(({ doc }) => doc.store.clients.size >= CLIENTS)
        );
      });
      mergeMs.push(performance.now() - started);
      for (const { counter } of clients) {
        sentBytes.push(counter.sent);
        receivedBytes.push(counter.received);
      }
      for (const { provider, doc } of clients) {
        provider.awareness.destroy();
        provider.destroy();
        doc.destroy();
      }
    }
  } finally {
    await running.stop();
    await target.dispose?.();
  }
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(
    `| offline merge (Följsam PGlite, ${CLIENTS} clients × ${EDITS} offline edits, ${RUNS} runs) | median |`,
  );
  console.log('| :-- | --: |');
  console.log(`| reconnect → all ${CLIENTS} identical | ${median(mergeMs).toFixed(0)} ms |`);
  console.log(`| bytes sent per client on reconnect | ${kib(median(sentBytes))} |`);
  console.log(`| bytes received per client on reconnect | ${kib(median(receivedBytes))} |`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
