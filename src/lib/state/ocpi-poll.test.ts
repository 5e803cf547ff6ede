import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '$lib/core/ocpi/pollOcpi';
import { getDb } from '$lib/data/db';
import { OCPI_POLL_KEY, type OcpiPollSetting } from '$lib/data/ocpi-poll-config';

vi.mock('$lib/data/commit-polled-locations', () => ({
  commitPolledLocations: vi.fn(async () => {
    throw new Error('QuotaExceededError: the disk is full');
  })
}));

const { ocpiPoll } = await import('./ocpi-poll.svelte');

const answer: FetchLike = async () => ({
  status: 200,
  ok: true,
  headers: { get: (name: string) => (name === 'ETag' ? '"v2"' : null) },
  text: async () => JSON.stringify({ status_code: 1000, timestamp: '2026-03-01T10:00:00Z', data: [] })
});

describe('ocpiPoll', () => {
  it('error: a poll whose answer cannot be stored reports an error and keeps the old validators and last success', async () => {
    ocpiPoll.config = { url: 'https://cpo.example/ocpi/2.2.1/locations', token: 'abc', intervalS: 60, tokenEncoding: 'base64', enabled: false };
    ocpiPoll.memory = { etag: '"v1"', lastSuccessMs: 1000, lastOutcome: 'ok' };
    await expect(ocpiPoll.pollNow(answer)).resolves.toBeUndefined();
    expect(ocpiPoll.memory).toMatchObject({ etag: '"v1"', lastSuccessMs: 1000, lastOutcome: 'error', lastMessage: expect.stringContaining('disk is full') });
    expect(ocpiPoll.polling).toBe(false);
  });

  it('polls with the endpoint and token another tab stored, and never writes its own stale config back', async () => {
    const other: OcpiPollSetting = {
      config: { url: 'https://new.example/ocpi/2.2.1/locations', token: 'newtok', intervalS: 120, tokenEncoding: 'raw', enabled: false },
      memory: { lastSuccessMs: 5000 }
    };
    await getDb().settings.put({ key: OCPI_POLL_KEY, value: other });
    const calls: [string, string][] = [];
    const notModified: FetchLike = async (url, init) => {
      calls.push([url, init.headers.Authorization]);
      return { status: 304, ok: false, headers: { get: () => null }, text: async () => '' };
    };
    await ocpiPoll.pollNow(notModified);
    expect(calls).toEqual([['https://new.example/ocpi/2.2.1/locations', 'Token newtok']]);
    const stored = (await getDb().settings.get(OCPI_POLL_KEY))?.value as OcpiPollSetting;
    expect(stored.config).toEqual(other.config);
    expect(stored.memory).toMatchObject({ lastOutcome: 'not-modified' });
  });

  it('a tab whose timer still runs stops polling once another tab stopped it', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const fetchSpy = vi.fn(async () => ({ status: 304, ok: false, headers: { get: () => null }, text: async () => '' }));
    vi.stubGlobal('fetch', fetchSpy);
    try {
      const config = { url: 'https://cpo.example/ocpi/2.2.1/locations', token: 'abc', intervalS: 10, tokenEncoding: 'base64' as const, enabled: true };
      await getDb().settings.put({ key: OCPI_POLL_KEY, value: { config, memory: {} } });
      await ocpiPoll.load();
      await vi.advanceTimersByTimeAsync(10_000);
      await vi.waitFor(() => expect(fetchSpy).toHaveBeenCalledTimes(1));
      await vi.waitFor(() => expect(ocpiPoll.polling).toBe(false));
      await getDb().settings.put({ key: OCPI_POLL_KEY, value: { config: { ...config, enabled: false }, memory: {} } });
      await vi.advanceTimersByTimeAsync(30_000);
      await new Promise((r) => setTimeout(r, 50));
      expect(fetchSpy).toHaveBeenCalledTimes(1);
      expect(((await getDb().settings.get(OCPI_POLL_KEY))?.value as OcpiPollSetting).config.enabled).toBe(false);
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
  });
});
