import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import type { ValidationIssue } from '$lib/core/errors';
import type { FetchLike } from '$lib/core/ocpi/pollOcpi';
import { getDb } from '$lib/data/db';
import type { OcpiPollerMemory } from '$lib/data/ocpi-endpoint-settings';
import { OcpiPoller } from './ocpi-poller.svelte';
import { pwa } from './pwa.svelte';

type Config = { url: string; token: string; intervalS: number; enabled: boolean };
type Memory = OcpiPollerMemory & { etag?: string };
const KEY = 'pollerTest';

/** A poller whose one poll records the call and remembers a new ETag, or throws what it is given. */
class RecordingPoller extends OcpiPoller<Config, Memory> {
  polls: string[] = [];
  failWith: unknown = null;
  constructor() {
    super({ key: KEY, defaults: { url: '', token: '', intervalS: 60, enabled: false } });
  }
  protected validate(config: Config): ValidationIssue[] {
    return config.token ? [] : [{ file: 'test', where: 'token', message: 'expected a token' }];
  }
  protected hasEndpoint(config: Config): boolean {
    return Boolean(config.url);
  }
  protected sameEndpoint(a: Config, b: Config): boolean {
    return a.url === b.url && a.token === b.token;
  }
  protected async pollOnline({ at }: { fetchFn: FetchLike; at: number }): Promise<void> {
    this.polls.push(this.config.url);
    if (this.failWith !== null) {
      this.memory = { ...this.memory, lastAttemptMs: at, lastOutcome: 'error', lastMessage: this.applyFailureMessage(this.failWith) };
      return;
    }
    this.memory = { ...this.memory, etag: `"${this.polls.length}"`, lastAttemptMs: at, lastSuccessMs: at, lastOutcome: 'ok' };
    this.lastChange = `poll ${this.polls.length}`;
  }
}

const stored = async () => (await getDb().settings.get(KEY))?.value as { config: Config; memory: Memory } | undefined;

describe('OcpiPoller', () => {
  it('error: an invalid config is refused with its problems and nothing is stored', async () => {
    const p = new RecordingPoller();
    expect(await p.configure({ url: 'https://a.example/x', token: '', intervalS: 60, enabled: false })).toEqual([{ file: 'test', where: 'token', message: 'expected a token' }]);
    expect(await stored()).toBeUndefined();
    expect(p.config.url).toBe('');
  });

  it('stores a valid config; a new endpoint drops the old validators but keeps the age of the known state', async () => {
    const p = new RecordingPoller();
    await p.configure({ url: 'https://a.example/x', token: 't', intervalS: 60, enabled: false });
    await p.pollNow();
    expect(p.memory).toMatchObject({ etag: '"1"', lastOutcome: 'ok' });
    const lastSuccessMs = p.memory.lastSuccessMs;
    await p.configure({ url: 'https://a.example/x', token: 't', intervalS: 120, enabled: false });
    expect(p.memory.etag).toBe('"1"');
    await p.configure({ url: 'https://b.example/x', token: 't', intervalS: 120, enabled: false });
    expect(p.memory).toEqual({ lastSuccessMs });
    expect(await stored()).toEqual({ config: { url: 'https://b.example/x', token: 't', intervalS: 120, enabled: false }, memory: { lastSuccessMs } });
  });

  it('offline, a poll asks nothing, records the offline attempt and keeps the validators and the last success', async () => {
    await getDb().settings.put({ key: KEY, value: { config: { url: 'https://d.example/x', token: 't', intervalS: 60, enabled: false }, memory: { etag: '"e"', lastSuccessMs: 1000 } } });
    const p = new RecordingPoller();
    pwa.online = false;
    try {
      await p.pollNow();
    } finally {
      pwa.online = true;
    }
    expect(p.polls).toEqual([]);
    expect(p.memory).toMatchObject({ etag: '"e"', lastSuccessMs: 1000, lastOutcome: 'offline', lastMessage: 'the browser is offline' });
    expect((await stored())?.memory).toMatchObject({ etag: '"e"', lastOutcome: 'offline' });
  });

  it('error: an answer that cannot be applied names every validation issue, or the error message of anything else thrown', async () => {
    await getDb().settings.put({ key: KEY, value: { config: { url: 'https://d.example/x', token: 't', intervalS: 60, enabled: false }, memory: {} } });
    const p = new RecordingPoller();
    p.failWith = 'not an Error';
    await p.pollNow();
    expect(p.memory.lastMessage).toBe('the answer could not be applied: not an Error');
    p.failWith = new Error('disk full');
    await p.pollNow();
    expect(p.memory.lastMessage).toBe('the answer could not be applied: disk full');
  });

  it('a running timer follows the stored setting: it re-times when another tab changes the interval and stops when it is switched off', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const config: Config = { url: 'https://c.example/x', token: 't', intervalS: 10, enabled: true };
      await getDb().settings.put({ key: KEY, value: { config, memory: {} } });
      const p = new RecordingPoller();
      await p.load();
      await vi.advanceTimersByTimeAsync(10_000);
      await vi.waitFor(() => expect(p.polls).toHaveLength(1));
      await vi.waitFor(() => expect(p.polling).toBe(false));

      // Another tab slows it to 30 s: the next tick re-times the timer, then polls.
      await getDb().settings.put({ key: KEY, value: { config: { ...config, intervalS: 30 }, memory: {} } });
      await vi.advanceTimersByTimeAsync(10_000);
      await vi.waitFor(() => expect(p.polls).toHaveLength(2));
      await vi.waitFor(() => expect(p.polling).toBe(false));
      await vi.advanceTimersByTimeAsync(20_000);
      await new Promise((r) => setTimeout(r, 50));
      expect(p.polls).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(10_000);
      await vi.waitFor(() => expect(p.polls).toHaveLength(3));
      await vi.waitFor(() => expect(p.polling).toBe(false));

      // Another tab stops it: the next tick ends the timer without polling or writing the config back.
      await getDb().settings.put({ key: KEY, value: { config: { ...config, intervalS: 30, enabled: false }, memory: {} } });
      await vi.advanceTimersByTimeAsync(90_000);
      await new Promise((r) => setTimeout(r, 50));
      expect(p.polls).toHaveLength(3);
      expect((await stored())?.config.enabled).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
