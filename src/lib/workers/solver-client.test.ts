import { describe, expect, it } from 'vitest';
import type { ScheduleInput, ScheduleResult } from '$lib/core/model/scheduler';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { createSolverClient, SolverTimeoutError, type WorkerLike } from './solver-client';
import { workerScheduler } from './worker-scheduler';

const input = {
  site: { id: 's', name: 's', timezone: 'UTC', nodes: [], evses: [] },
  timeline: { startMs: 0, slotMinutes: 15 },
  firstSlot: 1,
  sessions: []
} as ScheduleInput;

const result: ScheduleResult = { scheduler: 'highs', status: 'optimal', setpointsKw: { a: 7 }, plans: [], buildMs: 1, solveMs: 2 };

/** A fake worker that answers solves after `delayMs` (or never, when null). */
function fakeWorker(delayMs: number | null, log: string[]): WorkerLike {
  const w: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(m: WorkerRequest) {
      log.push(m.type);
      if (delayMs === null) return;
      setTimeout(() => {
        const answer: WorkerResponse =
          m.type === 'solve' ? { type: 'solved', id: m.id, result, workerMs: 3 } : { type: 'error', id: m.id, message: 'nope' };
        w.onmessage?.({ data: answer } as MessageEvent<WorkerResponse>);
      }, delayMs);
    },
    terminate() {
      log.push('terminate');
    }
  };
  return w;
}

describe('solver client', () => {
  it('resolves a solve with the worker’s result', async () => {
    const log: string[] = [];
    const client = createSolverClient({ createWorker: () => fakeWorker(1, log) });
    const r = await client.solve({ input });
    expect(r.setpointsKw).toEqual({ a: 7 });
    expect(r.workerMs).toBe(3);
  });

  it('error: a solve over budget rejects with SolverTimeoutError and restarts the worker next time', async () => {
    const log: string[] = [];
    let made = 0;
    const client = createSolverClient({ createWorker: () => (made++ === 0 ? fakeWorker(null, log) : fakeWorker(1, log)) });
    await expect(client.solve({ input, timeoutMs: 20 })).rejects.toBeInstanceOf(SolverTimeoutError);
    expect(log).toContain('terminate');
    await expect(client.solve({ input })).resolves.toMatchObject({ status: 'optimal' });
    expect(made).toBe(2);
  });

  it('error: a worker error message rejects the call', async () => {
    const client = createSolverClient({ createWorker: () => fakeWorker(1, []) });
    const site = input.site;
    await expect(client.compare({ site, timeline: input.timeline, requests: [], runs: [] })).rejects.toThrow('nope');
  });
});

describe('worker scheduler', () => {
  it('falls back to the main-thread scheduler and reports why when the worker times out', async () => {
    const reasons: string[] = [];
    const client = createSolverClient({ createWorker: () => fakeWorker(null, []) });
    const scheduler = workerScheduler({
      client,
      timeoutMs: 10,
      fallback: async () => ({ ...result, scheduler: 'edf', status: 'feasible' }),
      onFallback: (r) => reasons.push(r)
    });
    const r = await scheduler(input);
    expect(r.status).toBe('fallback');
    expect(r.scheduler).toBe('edf-fallback');
    expect(r.fallbackReason).toMatch(/within 10 ms/);
    expect(reasons).toHaveLength(1);
  });
});
