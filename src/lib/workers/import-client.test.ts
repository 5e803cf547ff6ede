import { describe, expect, it } from 'vitest';
import type { ImportRequest, ImportResponse } from './import-protocol';
import { ImportWorkerError, importInWorker, type ImportWorkerLike } from './import-client';

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

describe('importInWorker', () => {
  it('reports progress of every stage, resolves with the worker’s outcome and ends the worker', async () => {
    const { w, state } = fakeWorker((msg, post) => {
      post({ type: 'progress', id: msg.id, stage: 'reading', done: 5, total: 10 });
      post({ type: 'progress', id: msg.id, stage: 'writing', done: 7, total: 9 });
      post({ type: 'done', id: msg.id, outcome: { ok: false, issues: [{ file: 'p.json', where: '$', message: 'nope' }] } });
    });
    const seen: string[] = [];
    const r = await importInWorker({ ...base, createWorker: () => w, onProgress: (p) => seen.push(`${p.stage} ${p.done}/${p.total}`) });
    expect(r).toEqual({ ok: false, issues: [{ file: 'p.json', where: '$', message: 'nope' }] });
    expect(seen).toEqual(['reading 5/10', 'writing 7/9']);
    expect(state.terminated).toBe(1);
  });

  it('error: a worker error or a cancel rejects with ImportWorkerError', async () => {
    const failing = fakeWorker((msg, post) => post({ type: 'error', id: msg.id, message: 'boom' }));
    await expect(importInWorker({ ...base, createWorker: () => failing.w })).rejects.toBeInstanceOf(ImportWorkerError);
    const silent = fakeWorker(() => undefined);
    const abort = new AbortController();
    const p = importInWorker({ ...base, createWorker: () => silent.w, signal: abort.signal });
    abort.abort();
    await expect(p).rejects.toThrow('cancelled');
    expect(silent.state.terminated).toBe(1);
  });
});
