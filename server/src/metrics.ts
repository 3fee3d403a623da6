/**
 * Prometheus metrics (prom-client), served at `/metrics`. One registry per server instance,
 * so tests that run several servers in one process do not mix their figures.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** Open websocket connections. */
  connections: Gauge;
  /** Documents in memory. */
  documentsLoaded: Gauge;
  /** Updates committed to the store (rate: updates per second). */
  updatesStored: Counter;
  /** Time to commit one batch of updates. */
  storeLatency: Histogram;
  /** Errors by kind: malformed frames, store failures, refused writes. */
  errors: Counter<'kind'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'foljsam_' });
  return {
    registry,
    connections: new Gauge({
      name: 'foljsam_connections',
      help: 'Open websocket connections',
      registers: [registry],
    }),
    documentsLoaded: new Gauge({
      name: 'foljsam_documents_loaded',
      help: 'Documents loaded in memory',
      registers: [registry],
    }),
    updatesStored: new Counter({
      name: 'foljsam_updates_stored_total',
      help: 'Document updates committed to the store',
      registers: [registry],
    }),
    storeLatency: new Histogram({
      name: 'foljsam_store_append_seconds',
      help: 'Time to commit a batch of updates to the store',
      buckets: [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'foljsam_errors_total',
      help: 'Errors by kind',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
  };
}
