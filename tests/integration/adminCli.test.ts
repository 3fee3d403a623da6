/** `pnpm admin`: the user administration CLI on a real data dir, and its refusal while a server holds it. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { signIn } from '../support/auth';
import { freshDataDir } from '../support/dataDir';
import { builtEntry, SERVER_DIR, startServerProcess } from '../support/serverProcess';

function admin(dataDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [builtEntry('admin'), ...args], {
    cwd: SERVER_DIR,
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe('pnpm admin (PGlite)', () => {
  it('lists, adds, changes and resets users; refuses while the server runs', async () => {
    const dataDir = freshDataDir();
    const listed = admin(dataDir, 'list-users');
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^chef-hr\t.*avdelningschef hr$/m);

    expect(
      admin(dataDir, 'add-user', '--username', 'bo', '--name', 'Bo', '--role', 'avdelningschef').code,
    ).toBe(2);
    const added = admin(
      dataDir,
      'add-user',
      '--username',
      'bo',
      '--name',
      'Bo B',
      '--role',
      'avdelningschef',
      '--department',
      'it',
      '--password',
      'hemligt-ord',
    );
    expect(added.code, added.err).toBe(0);
    expect(
      admin(
        dataDir,
        'add-user',
        '--username',
        'bo',
        '--name',
        'Bo',
        '--role',
        'lasare',
        '--password',
        'hemligt-ord',
      ).err,
    ).toContain('taken');
    expect(admin(dataDir, 'set-role', '--username', 'bo', '--role', 'kommunchef').code).toBe(0);
    expect(admin(dataDir, 'reset-password', '--username', 'bo', '--password', 'annat-ord-1').code).toBe(0);
    expect(admin(dataDir, 'frobnicate').err).toContain('usage');

    const server = await startServerProcess({ dataDir });
    try {
      const { user } = await signIn(server.url, 'bo', 'annat-ord-1');
      expect(user).toMatchObject({ role: 'kommunchef', departmentId: null });
      const locked = admin(dataDir, 'list-users');
      expect(locked.code).toBe(2);
      expect(locked.err).toContain('Stop the running server first');
    } finally {
      await server.kill('SIGTERM');
    }
  });
});
