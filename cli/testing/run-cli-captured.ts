import { Writable } from 'node:stream';
import { main } from '../main';

/** Output of a captured CLI run. */
export type CapturedRun = { code: number; stdout: string; stderr: string };

/** Run `greenslot` in-process with captured stdout/stderr (not TTYs, so no progress bar). */
export async function runCliCaptured(argv: string[]): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        append(String(chunk));
        done();
      }
    });
  const code = await main({ argv, io: { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) } });
  return { code, stdout, stderr };
}
