import { defineConfig } from 'vitest/config';

/**
 * One Vitest run covers every package. Each project names its environment explicitly:
 * vite-plugin-solid would otherwise switch tests to jsdom (see ../shared/TOOLCHAIN.md).
 */
export default defineConfig({
  test: {
    // Prepares the demo data dir that integration and end-to-end servers start from.
    globalSetup: ['./tests/support/globalSetup.ts'],
    projects: [
      {
        test: {
          name: 'domain',
          root: './packages/domain',
          environment: 'node',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'client',
          root: './client',
          environment: 'node',
          include: ['src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'server',
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
          root: './tests',
          environment: 'node',
          include: ['e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
