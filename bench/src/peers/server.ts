/**
 * The peer servers as child processes: `node --import tsx src/peers/server.ts hocuspocus` or
 * `… y-websocket`. Both listen on 127.0.0.1, port 0, and print `{"msg":"listening","port":N}`.
 *
 * - hocuspocus: @hocuspocus/server 4.x with its defaults (in memory: a document is gone once its
 *   last client leaves or the process ends). With HOCUSPOCUS_DATABASE_URL it adds
 *   @hocuspocus/extension-database storing the document state in a PostgreSQL table (bytea),
 *   with Hocuspocus's default debounce (store 2 s after the last change, at most 10 s later).
 * - y-websocket: @y/websocket-server 0.1.1's `setupWSConnection`, in memory (no YPERSISTENCE).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const kind = process.argv[2];

function listening(port: number): void {
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`);
}

async function startHocuspocus(): Promise<void> {
  const { Server } = await import('@hocuspocus/server');
  const extensions = [];
  const databaseUrl = process.env.HOCUSPOCUS_DATABASE_URL;
  if (databaseUrl) {
    const { Database } = await import('@hocuspocus/extension-database');
    const pg = (await import('pg')).default;
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    await pool.query(
      'create table if not exists hocuspocus_documents (name text primary key, data bytea not null)',
    );
    extensions.push(
      new Database({
        fetch: async ({ documentName }) => {
          const { rows } = await pool.query<{ data: Buffer }>(
            'select data from hocuspocus_documents where name = $1',
            [documentName],
          );
          return rows[0] ? new Uint8Array(rows[0].data) : null;
        },
        store: async ({ documentName, state }) => {
          await pool.query(
            'insert into hocuspocus_documents (name, data) values ($1, $2) ' +
              'on conflict (name) do update set data = excluded.data',
            [documentName, Buffer.from(state)],
          );
        },
      }),
    );
  }
  const server = new Server({
    port: 0,
    address: '127.0.0.1',
    quiet: true,
    extensions,
    websocketOptions: { maxPayload: 64 * 1024 * 1024 },
  });
  await server.listen();
  listening(server.address.port);
}

async function startYWebsocket(): Promise<void> {
  const { WebSocketServer } = await import('ws');
  const { setupWSConnection } = await import('@y/websocket-server/utils');
  const wss = new WebSocketServer({ noServer: true });
  wss.on('connection', setupWSConnection);
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end('okay');
  });
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  server.listen(0, '127.0.0.1', () => listening((server.address() as AddressInfo).port));
  process.once('SIGTERM', () => {
    for (const client of wss.clients) client.terminate();
    server.close(() => process.exit(0));
  });
}

if (kind === 'hocuspocus') await startHocuspocus();
else if (kind === 'y-websocket') await startYWebsocket();
else {
  process.stderr.write(`unknown peer server ${kind}\n`);
  process.exit(2);
}
