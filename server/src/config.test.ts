import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

describe('demo mode in the configuration', () => {
  it('is on by default outside production, and can be turned off', () => {
    expect(loadConfig({}).demo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).demo).toBe(true);
    expect(loadConfig({ DEMO: '0' }).demo).toBe(false);
  });

  it('is never on in production, and DEMO=1 there stops the start with a message naming it', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).demo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', DEMO: '0' }).demo).toBe(false);
    for (const value of ['1', 'true']) {
      expect(() => loadConfig({ NODE_ENV: 'production', DEMO: value })).toThrow(ConfigError);
      expect(() => loadConfig({ NODE_ENV: 'production', DEMO: value })).toThrow(
        /DEMO: the demo workspace is never loaded in production/,
      );
    }
  });
});
