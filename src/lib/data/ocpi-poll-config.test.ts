import { describe, expect, it } from 'vitest';
import { formatAge, validateOcpiPollConfig, type OcpiPollConfig } from './ocpi-poll-config';

const good: OcpiPollConfig = { url: 'https://cpo.example/ocpi/2.2.1/locations', token: 'abc-123', intervalS: 60, tokenEncoding: 'base64', enabled: true };

describe('validateOcpiPollConfig', () => {
  it('accepts an https endpoint, an OCPI token and an interval in range (http only for localhost)', () => {
    expect(validateOcpiPollConfig({ config: good })).toEqual([]);
    expect(validateOcpiPollConfig({ config: { ...good, url: 'http://localhost:9000/locations' } })).toEqual([]);
  });

  it('error: names every bad field with what was expected', () => {
    const issues = validateOcpiPollConfig({ config: { ...good, url: 'http://cpo.example/x', token: 'with space', intervalS: 2 } });
    expect(issues.map((i) => i.where)).toEqual(['url', 'token', 'intervalS']);
    expect(validateOcpiPollConfig({ config: { ...good, url: 'not a url' } })[0].message).toContain('absolute URL');
    expect(validateOcpiPollConfig({ config: { ...good, token: 'x'.repeat(65) } })[0].message).toContain('64');
    expect(validateOcpiPollConfig({ config: { ...good, url: 'https://u:p@cpo.example/' } })[0].message).toContain('user:password');
  });
});

describe('formatAge', () => {
  it('says how old the known state is in seconds, minutes, hours or days', () => {
    expect(formatAge({ sinceMs: 0, nowMs: 30_000 })).toBe('30 s ago');
    expect(formatAge({ sinceMs: 0, nowMs: 12 * 60_000 })).toBe('12 min ago');
    expect(formatAge({ sinceMs: 0, nowMs: 5 * 3_600_000 })).toBe('5 h ago');
    expect(formatAge({ sinceMs: 0, nowMs: 3 * 86_400_000 })).toBe('3 days ago');
  });
});
