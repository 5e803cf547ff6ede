import { describe, expect, it } from 'vitest';
import type { ImportRequest, ImportResponse } from './import-protocol';
import { ImportWorkerError, parseInWorker, type ImportWorkerLike } from './import-client';

function fakeWorker(reply: (msg: ImportRequest, post: (r: ImportResponse) => void) => void) {
  const state = { terminated: 0 };
  const w: ImportWorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(msg) {
      queueMicrotask(() => reply(msg, (r) => w.onmessage?.({ data: r } as MessageEvent<ImportResponse>)));
    },
    terminate() {
      state.terminated++;
    }
  };
  return { w, state };
}

const base = { kind: 'ocpi-patches' as const, source: { text: '[]', name: 'p.json' }, mode: 'all' as const, options: {} };

describe('parseInWorker', () => {
  it('reports progress, resolves with the worker’s result and ends the worker', async () => {
    const { w, state } = fakeWorker((msg, post) => {
      post({ type: 'progress', id: msg.id, stage: 'reading', doneBytes: 5, totalBytes: 10 });
      post({ type: 'parsed', id: msg.id, result: { ok: true, parsed: { kind: 'ocpi-patches', patches: [] }, leftOut: [], warnings: [] }, workerMs: 3 });
    });
    const seen: number[] = [];
    const r = await parseInWorker({ ...base, createWorker: () => w, onProgress: (p) => seen.push(p.doneBytes) });
    expect(r).toMatchObject({ ok: true, workerMs: 3 });
    expect(seen).toEqual([5]);
    expect(state.terminated).toBe(1);
  });

  it('error: a worker error or a cancel rejects with ImportWorkerError', async () => {
    const failing = fakeWorker((msg, post) => post({ type: 'error', id: msg.id, message: 'boom' }));
    await expect(parseInWorker({ ...base, createWorker: () => failing.w })).rejects.toBeInstanceOf(ImportWorkerError);
    const silent = fakeWorker(() => undefined);
    const abort = new AbortController();
    const p = parseInWorker({ ...base, createWorker: () => silent.w, signal: abort.signal });
    abort.abort();
    await expect(p).rejects.toThrow('cancelled');
    expect(silent.state.terminated).toBe(1);
  });
});
