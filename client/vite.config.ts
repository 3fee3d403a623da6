import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

/** The dev server proxies the API and the sync websocket to a server on port 8787. */
const SERVER = 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [solid()],
  resolve: {
    // One Yjs instance for the client and @foljsam/domain (two copies break instanceof checks).
    dedupe: ['yjs', 'solid-js'],
  },
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
