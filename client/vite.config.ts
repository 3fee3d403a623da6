import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';
import { initialDataDir } from './build/initialDataDir';

/** The dev server proxies the API and the sync websocket to a server on port 8787. */
const SERVER = 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [
    solid(),
    initialDataDir(),
    // The app starts with no network after one visit: a Workbox service worker precaches the
    // app shell and PGlite's wasm and data files, and answers navigations with index.html.
    // The API and the sync websocket are never cached: they are live data.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,data,svg,png,ico,woff2}'],
        // pglite.wasm is about 9 MB and pglite.data about 6 MB.
        maximumFileSizeToCacheInBytes: 32 * 1024 * 1024,
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/sync\//, /^\/metrics/],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  resolve: {
    // One Yjs instance for the client and @foljsam/domain (two copies break instanceof checks).
    dedupe: ['yjs', 'solid-js'],
  },
  // PGlite loads its wasm and data by URL; Vite's dependency pre-bundling would break that.
  optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  // The PGlite worker is an ES module worker (it imports PGlite's chunks).
  worker: { format: 'es' },
  server: {
    proxy: {
      '/api': { target: SERVER, changeOrigin: false },
      '/sync': { target: SERVER, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
});
