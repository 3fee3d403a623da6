/**
 * The peer servers (see ../peers/server.ts) as child processes pinned like Följsam:
 * Hocuspocus in memory, Hocuspocus with its database extension on PostgreSQL, and
 * y-websocket's reference server (@y/websocket-server 0.1.1) in memory.
 */
import { connectHocuspocus, connectYWebsocket } from '../clients';
import { createSchema, dropSchema } from '../pg';
import { killChild, type Spawned, spawnListening, stopChild } from '../spawn';
import type { RunningTarget, StartOptions, Target } from './types';

const BENCH_DIR = new URL('../../', import.meta.url).pathname;
const ENTRY = new URL('../peers/server.ts', import.meta.url).pathname;

export type PeerKind = 'hocuspocus' | 'hocuspocus-pg' | 'y-websocket';

class PeerRunning implements RunningTarget {
  wsUrls: string[] = [];
  pids: number[] = [];
  readonly token = '';
  readonly logs: string[] = [];
  private spawned: Spawned | undefined;

  constructor(
    private readonly kind: PeerKind,
    private readonly env: NodeJS.ProcessEnv,
    private readonly cpu: number | undefined,
    private readonly cleanup: () => Promise<void>,
  ) {}

  async launch(): Promise<void> {
    this.spawned = await spawnListening({
      args: ['--import', 'tsx', ENTRY, this.kind === 'y-websocket' ? 'y-websocket' : 'hocuspocus'],
      cwd: BENCH_DIR,
      env: { ...process.env, ...this.env },
      cpu: this.cpu,
      logs: this.logs,
    });
    this.wsUrls = [`ws://127.0.0.1:${this.spawned.port}`];
    this.pids = [this.spawned.pid];
  }

  async stop(): Promise<void> {
    if (this.spawned) await stopChild(this.spawned.child);
    await this.cleanup();
  }

  async kill(): Promise<void> {
    if (this.spawned) await killChild(this.spawned.child);
  }

  async restart(): Promise<void> {
    await this.kill();
    await this.launch();
  }
}

export class PeerTarget implements Target {
  readonly name: string;
  readonly durable: boolean;
  readonly description: string;

  constructor(readonly kind: PeerKind) {
    this.name = {
      hocuspocus: 'Hocuspocus',
      'hocuspocus-pg': 'Hocuspocus+PostgreSQL',
      'y-websocket': 'y-websocket',
    }[kind];
    this.durable = kind === 'hocuspocus-pg';
    this.description = {
      hocuspocus:
        '@hocuspocus/server 4.7.0, defaults: in memory only (a document is dropped when its last client ' +
        'leaves, everything is lost when the process ends); its own @hocuspocus/provider',
      'hocuspocus-pg':
        '@hocuspocus/server 4.7.0 + @hocuspocus/extension-database storing the whole document state in a ' +
        'PostgreSQL table, with the default debounce (2 s after the last change, at most 10 s): ' +
        'updates are broadcast before they are stored',
      'y-websocket':
        '@y/websocket-server 0.1.1 (setupWSConnection), in memory only (no YPERSISTENCE); y-websocket client',
    }[kind];
  }

  async start({ cpu }: StartOptions): Promise<RunningTarget> {
    let schema: string | undefined;
    const env: NodeJS.ProcessEnv = {};
    if (this.kind === 'hocuspocus-pg') {
      const created = await createSchema('hp');
      schema = created.schema;
      env.HOCUSPOCUS_DATABASE_URL = created.url;
    }
    const running = new PeerRunning(this.kind, env, cpu, async () => {
      if (schema) await dropSchema(schema);
    });
    try {
      await running.launch();
      return running;
    } catch (error) {
      await running.stop();
      throw error;
    }
  }

  documentName(index: number): string {
    return `bench-${index}`;
  }

  connect = (running: RunningTarget, documentName: string, doc: import('yjs').Doc, index: number) =>
    this.kind === 'y-websocket'
      ? connectYWebsocket(running, documentName, doc, index)
      : connectHocuspocus(running, documentName, doc, index);
}
