import { defineConfig } from 'vitest/config';

/**
 * One Vitest run covers every package. Each project names its environment explicitly:
 * vite-plugin-solid would otherwise switch tests to jsdom.
 */
export default defineConfig({
  test: {
    // Two test files at a time in the node projects (Vitest's default on two cores is one):
    // their files mostly wait on server processes, PostgreSQL and sockets. See docs/testing.md, "Timings".
    maxWorkers: 2,
    // Prepares the demo data dir that integration and end-to-end servers start from.
    globalSetup: ['./tests/support/globalSetup.ts'],
    projects: [
      {
        test: {
          name: 'domain',
          sequence: { groupOrder: 0 },
          root: './packages/domain',
          environment: 'node',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'client',
          sequence: { groupOrder: 0 },
          root: './client',
          environment: 'node',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
          sequence: { groupOrder: 0 },
          root: './server',
          environment: 'node',
          include: ['src/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 0 },
          root: './tests',
          environment: 'node',
          include: ['integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'load',
          sequence: { groupOrder: 0 },
          root: './tests',
          environment: 'node',
          include: ['load/**/*.test.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          // After the node projects, one file at a time: each file runs a server and a Chromium,
          // which together keep about one core busy; two at once doubled every file's time and
          // starved the offline test's first full sync past its 90 s wait. Running this project
          // in a Vitest process of its own beside the node projects (2026-12-06) slowed both
          // halves so much that the run took longer, and timing tests of the sign-in limiter failed.
          sequence: { groupOrder: 1 },
          fileParallelism: false,
          root: './tests',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          // What a screen shows after a request or a sync can take seconds on throttled cores;
          // expect.poll's default of 1 s made a year-picker check fail once in CI (2026-12-07).
          expect: { poll: { timeout: 10_000 } },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
