import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { TrustedProxies } from './clientAddress';

describe('TrustedProxies.clientOf', () => {
  const proxies = new TrustedProxies(['127.0.0.1', '10.0.0.0/8', 'fd00::/8']);

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', () => {
    expect(proxies.clientOf('198.51.100.1', '203.0.113.5')).toBe('198.51.100.1');
    expect(new TrustedProxies([]).clientOf('127.0.0.1', '203.0.113.5')).toBe('127.0.0.1');
  });

  it('takes the nearest untrusted hop, so entries the client wrote itself are skipped', () => {
    expect(proxies.clientOf('127.0.0.1', '203.0.113.5')).toBe('203.0.113.5');
    expect(proxies.clientOf('127.0.0.1', '1.2.3.4, 203.0.113.5, 10.1.2.3')).toBe('203.0.113.5');
    expect(proxies.clientOf('::ffff:127.0.0.1', ' 203.0.113.5 ')).toBe('203.0.113.5');
    expect(proxies.clientOf('fd00::1', '2001:db8::7')).toBe('2001:db8::7');
  });

  it('stops at a garbled hop, and without a header keeps the peer', () => {
    expect(proxies.clientOf('127.0.0.1', 'not-an-ip, 10.0.0.2')).toBe('10.0.0.2');
    expect(proxies.clientOf('127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(proxies.clientOf('127.0.0.1', '10.0.0.2, 10.0.0.3')).toBe('10.0.0.2');
  });
});

describe('configuration', () => {
  it('reads TRUSTED_PROXIES as a list, empty by default', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    const config = loadConfig({ TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1' });
    expect(config.trustedProxies).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
  });

  it('refuses a malformed proxy list, naming the variable', () => {
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.1/8/2', '::1/129']) {
      expect(() => loadConfig({ TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES/);
    }
  });
});
