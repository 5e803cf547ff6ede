import { describe, expect, it } from 'vitest';
import { validateOcpiEndpointSettings } from './ocpi-endpoint-settings';

const urls = [
  { where: 'aUrl', url: 'https://cpo.example/ocpi/2.2.1/sessions' },
  { where: 'bUrl', url: 'http://localhost:9000/cdrs' }
];

describe('validateOcpiEndpointSettings', () => {
  it('accepts https (or localhost http) endpoints, a printable token of up to 64 characters and an interval of 10–3600 s', () => {
    expect(validateOcpiEndpointSettings({ urls, token: 'x'.repeat(64), intervalS: 10 })).toEqual([]);
    expect(validateOcpiEndpointSettings({ urls, token: '!~', intervalS: 3600 })).toEqual([]);
  });

  it('error: names each bad URL field by its own name, the token and the interval, first URL first and the others last', () => {
    const issues = validateOcpiEndpointSettings({ urls: [{ where: 'aUrl', url: 'nope' }, { where: 'bUrl', url: 'ftp://cpo.example/x' }], token: '', intervalS: Number.NaN });
    expect(issues.map((i) => i.where)).toEqual(['aUrl', 'token', 'intervalS', 'bUrl']);
    expect(issues.every((i) => i.file === 'polling settings')).toBe(true);
    expect(issues[0].message).toContain('absolute URL');
    expect(issues[1].message).toContain('credentials token');
    expect(issues[2].message).toBe('expected 10–3600 seconds');
  });

  it('error: a token with a control character or 65 characters, and an interval of 9 s or 3601 s, are refused', () => {
    expect(validateOcpiEndpointSettings({ urls, token: 'a\tb', intervalS: 9 }).map((i) => i.message)).toEqual(['expected printable ASCII without spaces', 'expected 10–3600 seconds']);
    expect(validateOcpiEndpointSettings({ urls, token: 'x'.repeat(65), intervalS: 3601 }).map((i) => i.where)).toEqual(['token', 'intervalS']);
  });
});
