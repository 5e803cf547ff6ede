import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkStatus, type ProbeFetch } from './network-status';

/** A fetch whose outcome the test switches: 'up' answers, 'down' throws like a browser without network. */
function switchableFetch() {
  const state = { up: true, calls: [] as string[] };
  const fetch: ProbeFetch = async (url) => {
    state.calls.push(url);
    if (!state.up) throw new TypeError('Failed to fetch');
    return { status: 200 };
  };
  return { state, fetch };
}

afterEach(() => vi.useRealTimers());

describe('NetworkStatus', () => {
  it('a browser that says online while every request fails is found offline by the first probe', async () => {
    const { state, fetch } = switchableFetch();
    state.up = false;
    const changes: boolean[] = [];
    const net = new NetworkStatus({ initialOnline: true, probeUrl: () => '/_app/version.json?p', fetch, onChange: (o) => changes.push(o) });
    expect(await net.probe()).toBe(false);
    expect(net.online).toBe(false);
    expect(changes).toEqual([false]);
    net.dispose();
  });

  it('while offline it re-checks on a timer, and the first answer clears offline', async () => {
    vi.useFakeTimers();
    const { state, fetch } = switchableFetch();
    state.up = false;
    const changes: boolean[] = [];
    const net = new NetworkStatus({ initialOnline: false, probeUrl: () => 'p', fetch, onChange: (o) => changes.push(o), recheckMs: 1000 });
    await vi.advanceTimersByTimeAsync(2500);
    expect(state.calls.length).toBe(2);
    expect(net.online).toBe(false);
    state.up = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(net.online).toBe(true);
    expect(changes).toEqual([true]);
    // Online again: the timer stops.
    await vi.advanceTimersByTimeAsync(5000);
    expect(state.calls.length).toBe(3);
    net.dispose();
  });

  it('a failed request of the app marks offline at once, and a later answer clears it', () => {
    const { fetch } = switchableFetch();
    const changes: boolean[] = [];
    const net = new NetworkStatus({ initialOnline: true, probeUrl: () => 'p', fetch, onChange: (o) => changes.push(o) });
    net.reportFailure();
    expect(net.online).toBe(false);
    net.reportSuccess();
    expect(net.online).toBe(true);
    expect(changes).toEqual([false, true]);
    net.dispose();
  });

  it('the browser’s online event is believed at once and then verified: a probe that fails turns it back to offline', async () => {
    const { state, fetch } = switchableFetch();
    state.up = false;
    const net = new NetworkStatus({ initialOnline: false, probeUrl: () => 'p', fetch, onChange: () => {} });
    const verdict = net.browserOnline();
    expect(net.online).toBe(true);
    expect(await verdict).toBe(false);
    expect(net.online).toBe(false);
    net.dispose();
  });

  it('concurrent probes share one request, and a probe that never answers times out as offline', async () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const hanging: ProbeFetch = (url, init) =>
      new Promise((_resolve, reject) => {
        calls.push(url);
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const net = new NetworkStatus({ initialOnline: true, probeUrl: () => 'p', fetch: hanging, onChange: () => {}, timeoutMs: 3000 });
    const a = net.probe();
    const b = net.probe();
    await vi.advanceTimersByTimeAsync(3000);
    expect(await a).toBe(false);
    expect(await b).toBe(false);
    expect(calls).toHaveLength(1);
    net.dispose();
  });
});
