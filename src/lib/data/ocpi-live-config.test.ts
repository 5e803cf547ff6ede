import { describe, expect, it } from 'vitest';
import { livePollUrl, validateOcpiLiveConfig } from './ocpi-live-config';

const ok = { sessionsUrl: 'https://cpo.example/ocpi/cpo/2.2.1/sessions', cdrsUrl: 'https://cpo.example/ocpi/cpo/2.2.1/cdrs', token: 'abc', intervalS: 30, tokenEncoding: 'base64' as const, enabled: true };

describe('live sessions polling settings', () => {
  it('accepts https endpoints, a token and an interval in range', () => {
    expect(validateOcpiLiveConfig({ config: ok })).toEqual([]);
  });

  it('error: plain http off localhost, a missing CDRs URL, a token with spaces and a 1 s interval are each named', () => {
    const issues = validateOcpiLiveConfig({ config: { ...ok, sessionsUrl: 'http://cpo.example/s', cdrsUrl: '', token: 'a b', intervalS: 1 } });
    expect(issues.map((i) => i.where)).toEqual(['sessionsUrl', 'token', 'intervalS', 'cdrsUrl']);
  });

  it('asks for what changed since the backend’s last answer, five minutes back, so a time offline loses nothing', () => {
    expect(livePollUrl({ url: ok.sessionsUrl })).toBe(ok.sessionsUrl);
    expect(livePollUrl({ url: `${ok.sessionsUrl}?limit=50`, serverTimeMs: Date.parse('2026-03-02T08:00:00Z') })).toBe(
      `${ok.sessionsUrl}?limit=50&date_from=2026-03-02T07%3A55%3A00.000Z`
    );
  });
});
