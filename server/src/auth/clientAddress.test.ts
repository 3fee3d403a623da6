import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { originAllowed } from '../sync/syncRoute';
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

describe('originAllowed', () => {
  it('without PUBLIC_ORIGIN takes no Origin and the same host only', () => {
    expect(originAllowed(undefined, 'app.example:8787', [])).toBe(true);
    expect(originAllowed('http://app.example:8787', 'app.example:8787', [])).toBe(true);
    expect(originAllowed('https://app.example', 'app.example:443', [])).toBe(true);
    expect(originAllowed('https://evil.example', 'app.example', [])).toBe(false);
    expect(originAllowed('null', 'app.example', [])).toBe(false);
    expect(originAllowed('http://app.example', undefined, [])).toBe(false);
  });

  it('with PUBLIC_ORIGIN takes only the listed origins', () => {
    const listed = ['https://foljsam.example.se'];
    expect(originAllowed('https://foljsam.example.se', 'internal:8801', listed)).toBe(true);
    expect(originAllowed('http://foljsam.example.se', 'foljsam.example.se', listed)).toBe(false);
    expect(originAllowed('https://evil.example', 'evil.example', listed)).toBe(false);
  });
});

describe('configuration', () => {
  it('reads TRUSTED_PROXIES and PUBLIC_ORIGIN as lists, empty by default', () => {
    expect(loadConfig({}).trustedProxies).toEqual([]);
    expect(loadConfig({}).publicOrigins).toEqual([]);
    const config = loadConfig({
      TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8,::1',
      PUBLIC_ORIGIN: 'https://foljsam.example.se/, http://localhost:5173',
    });
    expect(config.trustedProxies).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(config.publicOrigins).toEqual(['https://foljsam.example.se', 'http://localhost:5173']);
  });

  it('refuses a malformed proxy list or origin, naming the variable', () => {
    for (const bad of ['localhost', '10.0.0.0/33', '10.0.0.1/8/2', '::1/129']) {
      expect(() => loadConfig({ TRUSTED_PROXIES: bad })).toThrow(/TRUSTED_PROXIES/);
    }
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'foljsam.example.se' })).toThrow(/PUBLIC_ORIGIN/);
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'ftp://x' })).toThrow(/PUBLIC_ORIGIN/);
  });
});
