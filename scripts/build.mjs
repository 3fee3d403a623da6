#!/usr/bin/env node
/**
 * Builds the client (Vite, into client/dist) and the server (esbuild, into server/dist).
 *
 *   node scripts/build.mjs [client] [server] [--if-changed]
 *
 * With no target, both. `--if-changed` skips a target whose inputs hash to the stamp its last
 * build wrote (dist/.build-stamp): `pnpm start` and `pnpm admin` use it; `pnpm build` always builds.
 *
 * The server is bundled with esbuild: the workspace packages (@foljsam/*, TypeScript sources)
 * go into the bundle, every npm package stays external and is loaded from server/node_modules
 * at run time, so PGlite's wasm files, playwright-core and the native argon2 add-on resolve
 * exactly as they do from the sources. An external must therefore be a dependency of the
 * server package; the build fails otherwise (pnpm would not link it into server/node_modules).
 * The output stays flat in server/dist, two levels under the repository like server/src/*.ts,
 * so `new URL('../../client/dist', import.meta.url)` means the same folder in both.
 * Written in plain JavaScript so that building needs neither tsx nor a compiled builder.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, gzip, constants as zlibConstants } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = '.build-stamp';

/** Files a target's output depends on: folders are walked, test files left out. */
const INPUTS = {
  client: [
    'client/src',
    'client/public',
    'client/build',
    'client/index.html',
    'client/vite.config.ts',
    'client/package.json',
    'client/tsconfig.json',
    'packages/domain/src',
    'packages/domain/package.json',
    'pnpm-lock.yaml',
    'scripts/build.mjs',
  ],
  server: [
    'server/src',
    'server/package.json',
    'packages/domain/src',
    'packages/domain/package.json',
    'pnpm-lock.yaml',
    'scripts/build.mjs',
  ],
};

const OUT_DIR = { client: 'client/dist', server: 'server/dist' };

/** The built server's entry points, absolute paths. */
export const SERVER_ENTRIES = {
  main: join(ROOT, 'server/dist/main.js'),
  admin: join(ROOT, 'server/dist/admin.js'),
};

function isTestFile(path) {
  return /\.test\.tsx?$/.test(path);
}

function listFiles(path) {
  const absolute = join(ROOT, path);
  if (!existsSync(absolute)) return [];
  if (!statSync(absolute).isDirectory()) return [path];
  return readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)))
    .filter((file) => !isTestFile(file));
}

/** A hash of the target's inputs: their paths and contents. */
export function inputsHash(target) {
  const hash = createHash('sha256');
  const files = INPUTS[target].flatMap(listFiles).sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(ROOT, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function stampPath(target) {
  return join(ROOT, OUT_DIR[target], STAMP);
}

/** Whether the target's last build was made from the inputs as they are now. */
export function isUpToDate(target) {
  try {
    return readFileSync(stampPath(target), 'utf8').trim() === inputsHash(target);
  } catch {
    return false;
  }
}

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

async function buildServer() {
  const esbuild = await import('esbuild');
  const manifest = JSON.parse(readFileSync(join(ROOT, 'server/package.json'), 'utf8'));
  const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));
  const outdir = join(ROOT, OUT_DIR.server);
  rmSync(outdir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'server/src/main.ts', admin: 'server/src/cli/admin.ts' },
    outdir,
    bundle: true,
    // Shared code in chunks beside the entries (not in a subfolder: see the header).
    splitting: true,
    chunkNames: 'chunk-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    // As tsx runs the sources: class and function names stay as written (logs, errors).
    keepNames: true,
    sourcemap: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'npm-packages-external',
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) => {
            if (isBuiltin(args.path)) return { external: true };
            const name = packageName(args.path);
            if (name.startsWith('@foljsam/')) return undefined;
            if (!dependencies.has(name)) {
              return {
                errors: [
                  {
                    text: `${name} is imported by ${relative(ROOT, args.importer)} but is not a dependency of server/package.json; the built server could not load it`,
                  },
                ],
              };
            }
            return { external: true };
          });
        },
      },
    ],
  });
}

function buildClient() {
  const clientDir = join(ROOT, 'client');
  rmSync(stampPath('client'), { force: true });
  const result = spawnSync(process.execPath, [join(clientDir, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: clientDir,
    // Vite's progress goes to stderr: stdout is kept for `pnpm admin`'s output.
    stdio: ['ignore', process.stderr, 'inherit'],
  });
  if (result.status !== 0)
    throw new Error(`the client build failed (exit ${result.status ?? result.signal})`);
}

/** Kinds of client files worth compressing (images and fonts are compressed already). */
const COMPRESSIBLE = new Set([
  '.js',
  '.mjs',
  '.css',
  '.html',
  '.json',
  '.webmanifest',
  '.svg',
  '.wasm',
  '.data',
]);

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every compressible file of the client
 * build, which the server sends to browsers that accept them (serveStatic's `precompressed`).
 * A first visit downloads the whole app for offline use, about 18 MB, most of it PGlite's
 * WebAssembly and data files, which compress to about a third; compressing once here costs
 * the server nothing per request.
 */
async function precompressClient() {
  const files = listFiles(OUT_DIR.client)
    .filter((file) => COMPRESSIBLE.has(extname(file)))
    .map((file) => join(ROOT, file));
  const brotli = promisify(brotliCompress);
  const gzipAsync = promisify(gzip);
  let before = 0;
  let after = 0;
  await Promise.all(
    files.map(async (file) => {
      const data = readFileSync(file);
      if (data.byteLength < 1024) return;
      const [br, gz] = await Promise.all([
        brotli(data, {
          params: {
            // Quality 9 of 11: within a few per cent of 11 at a fraction of its time.
            [zlibConstants.BROTLI_PARAM_QUALITY]: 9,
            [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.byteLength,
          },
        }),
        gzipAsync(data, { level: 9 }),
      ]);
      writeFileSync(`${file}.br`, br);
      writeFileSync(`${file}.gz`, gz);
      before += data.byteLength;
      after += br.byteLength;
    }),
  );
  console.error(
    `compressed the client: ${(before / 2 ** 20).toFixed(1)} MB of files, ${(after / 2 ** 20).toFixed(1)} MB as Brotli`,
  );
}

/** Builds `target` (always, or only if its inputs changed) and stamps the output. */
export async function build(target, { ifChanged = false } = {}) {
  const hash = inputsHash(target);
  if (ifChanged && isUpToDate(target)) return false;
  const started = performance.now();
  if (target === 'server') await buildServer();
  else {
    buildClient();
    await precompressClient();
  }
  writeFileSync(stampPath(target), `${hash}\n`);
  console.error(`built ${target} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const ifChanged = args.includes('--if-changed');
  const unknown = args.filter((arg) => !['client', 'server', '--if-changed'].includes(arg));
  if (unknown.length > 0) {
    console.error(
      `usage: node scripts/build.mjs [client] [server] [--if-changed] (unknown: ${unknown.join(' ')})`,
    );
    process.exit(2);
  }
  const targets = args.filter((arg) => arg === 'client' || arg === 'server');
  try {
    for (const target of targets.length > 0 ? targets : ['client', 'server'])
      await build(target, { ifChanged });
  } catch (error) {
    // esbuild has printed its errors already.
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
