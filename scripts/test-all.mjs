#!/usr/bin/env node
// Runs the whole suite as two Vitest processes at once: the node projects (unit, integration,
// load; two files at a time) and the end-to-end project (one file at a time: a server and a
// Chromium keep about one core busy). One Vitest process cannot do this: projects that run at
// the same time must share one `maxWorkers`. Each line is prefixed with its half; the exit code
// is the first failure's. Each run has its own data dirs and schemas (tests/support/globalSetup.ts).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const halves = [
  {
    name: 'node',
    args: [
      '--project',
      'domain',
      '--project',
      'client',
      '--project',
      'server',
      '--project',
      'integration',
      '--project',
      'load',
    ],
  },
  { name: 'e2e ', args: ['--project', 'e2e'] },
];

const runs = halves.map(
  ({ name, args }) =>
    new Promise((resolve) => {
      const child = spawn('vitest', ['run', ...args, ...process.argv.slice(2)], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' },
      });
      for (const stream of [child.stdout, child.stderr]) {
        createInterface({ input: stream }).on('line', (line) => console.log(`[${name}] ${line}`));
      }
      child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    }),
);

const codes = await Promise.all(runs);
process.exit(codes.find((code) => code !== 0) ?? 0);
