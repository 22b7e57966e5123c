import { describe, expect, it } from 'vitest';
import { hostName, isLoopbackHost } from './loopback-host.ts';

describe('isLoopbackHost', () => {
  it('accepts localhost, 127.0.0.1 and ::1 only', () => {
    for (const host of ['localhost', 'LOCALHOST', '127.0.0.1', '::1', '[::1]', 'localhost.'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of [
      '0.0.0.0',
      '::',
      '',
      '192.168.1.2',
      'localhost.evil.example',
      'example.com',
    ])
      expect(isLoopbackHost(host), host).toBe(false);
  });
});

describe('hostName', () => {
  it('drops the port of a Host header', () => {
    expect(hostName('example.com:3000')).toBe('example.com');
    expect(hostName('example.com')).toBe('example.com');
    expect(hostName('[::1]:3000')).toBe('[::1]');
    expect(hostName('::1')).toBe('::1');
  });
});
