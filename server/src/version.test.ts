import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { PRODUCT_VERSION } from './version';

const ROOT = new URL('../../', import.meta.url).pathname;
const versionOf = (path: string): unknown =>
  (JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as { version?: unknown }).version;

describe('product version', () => {
  it('is the root package.json version, a valid semantic version', () => {
    expect(semver.valid(PRODUCT_VERSION)).toBe(PRODUCT_VERSION);
    expect(versionOf('package.json')).toBe(PRODUCT_VERSION);
  });

  it('is the version of every workspace package', () => {
    const packages = [
      'server',
      'client',
      'tests',
      'bench',
      ...readdirSync(join(ROOT, 'packages')).map((name) => `packages/${name}`),
    ];
    for (const dir of packages)
      expect([dir, versionOf(`${dir}/package.json`)]).toEqual([dir, PRODUCT_VERSION]);
  });

  it('has a section in CHANGELOG.md', () => {
    expect(readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8')).toContain(`## [${PRODUCT_VERSION}]`);
  });
});
