import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '$lib/core/ocpi/pollOcpi';

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
});
