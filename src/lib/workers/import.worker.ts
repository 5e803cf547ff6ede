/// <reference lib="webworker" />
import type { ImportRequest, ImportResponse } from './import-protocol';
import { createImportParser } from './parse-import';

/**
 * The import worker: reads a picked file as a text stream and parses it here, so a 50 MB file
 * never blocks the page. Progress is posted at most every 50 ms (bytes read of the total).
 */
declare const self: DedicatedWorkerGlobalScope;

function post(message: ImportResponse): void {
  self.postMessage(message);
}

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
  const msg = event.data;
  const t0 = performance.now();
  try {
    const parser = createImportParser({ kind: msg.kind, file: msg.source.name, mode: msg.mode, options: msg.options });
    if ('text' in msg.source) {
      parser.push(msg.source.text);
    } else {
      const totalBytes = msg.source.file.size;
      let doneBytes = 0;
      let lastPost = 0;
      const reader = msg.source.file.stream().getReader();
      const decoder = new TextDecoder('utf-8');
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        doneBytes += value.byteLength;
        parser.push(decoder.decode(value, { stream: true }));
        const now = performance.now();
        if (now - lastPost > 50) {
          lastPost = now;
          post({ type: 'progress', id: msg.id, stage: 'reading', doneBytes, totalBytes });
        }
      }
      parser.push(decoder.decode());
      post({ type: 'progress', id: msg.id, stage: 'parsing', doneBytes, totalBytes });
    }
    const result = parser.finish();
    post({ type: 'parsed', id: msg.id, result, workerMs: performance.now() - t0 });
  } catch (error) {
    post({ type: 'error', id: msg.id, message: error instanceof Error ? error.message : String(error) });
  }
};
