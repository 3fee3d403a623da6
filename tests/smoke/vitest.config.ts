import { defineConfig } from 'vitest/config';

/**
 * The production smoke test alone (scripts/smoke-production.sh runs it on a production install):
 * not one of the suite's projects, and without the suite's global setup, which prepares demo
 * data dirs from the repository's own build.
 */
export default defineConfig({
  test: {
    name: 'smoke',
    root: new URL('.', import.meta.url).pathname,
    environment: 'node',
    include: ['*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
