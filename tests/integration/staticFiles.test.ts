/**
 * The built client as the server sends it: compressed copies to browsers that accept them (a
 * first visit downloads the whole app, PGlite's WebAssembly included, for offline use), the
 * same bytes to those that do not, hashed assets kept for good and the app shell asked for again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDataDir } from '../support/dataDir';
import { type ServerProcess, startServerProcess } from '../support/serverProcess';

const CLIENT_DIST = new URL('../../client/dist', import.meta.url).pathname;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A request with exactly the given Accept-Encoding (fetch would add its own and decode). */
function raw(url: string, acceptEncoding: string): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { 'accept-encoding': acceptEncoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', reject);
    }).on('error', reject);
  });
}

describe('the built client over HTTP', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({ dataDir: freshDataDir() });
  });
  afterAll(async () => {
    await server?.kill();
  });

  it('sends PGlite’s WebAssembly as Brotli or gzip when accepted, as is otherwise, and lets browsers keep it', async () => {
    const wasm = readdirSync(join(CLIENT_DIST, 'assets')).find((name) => /^pglite-.*\.wasm$/.test(name));
    expect(wasm, 'the client build has PGlite’s wasm').toBeDefined();
    const original = readFileSync(join(CLIENT_DIST, 'assets', wasm as string));
    const url = `${server.url}/assets/${wasm}`;

    const brotli = await raw(url, 'gzip, deflate, br');
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toBe('application/wasm');
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.body.byteLength).toBeLessThan(original.byteLength / 2);
    expect(brotliDecompressSync(brotli.body).equals(original)).toBe(true);

    const gzipped = await raw(url, 'gzip');
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzipped.body).equals(original)).toBe(true);

    const plain = await raw(url, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(original)).toBe(true);
  });

  it('asks browsers to check the app shell and the service worker again on every load', async () => {
    const shell = readFileSync(join(CLIENT_DIST, 'index.html'));
    for (const path of ['/', '/rapport/2015-03/hr']) {
      const response = await raw(`${server.url}${path}`, 'br');
      expect(response.headers['cache-control'], path).toBe('no-cache');
      const body =
        response.headers['content-encoding'] === 'br' ? brotliDecompressSync(response.body) : response.body;
      expect(body.equals(shell), path).toBe(true);
    }
    const worker = await raw(`${server.url}/sw.js`, 'identity');
    expect(worker.status).toBe(200);
    expect(worker.headers['cache-control']).toBe('no-cache');
  });
});
