import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (two levels above cli/bench). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** What a child run returned. */
export type ChildResult = {
  /** Parsed JSON of the last stdout line that is a JSON object, if any. */
  json: Record<string, unknown> | null;
  exitCode: number | null;
  /** True when the harness killed the child at its wall-clock cap. */
  killed: boolean;
  wallMs: number;
  stderr: string;
};

export type RunGreenslotChildParams = {
  /** Arguments after `greenslot` (e.g. ['bench', '--evs', '100', '--json']). */
  args: string[];
  /** Hard wall-clock cap; the child is killed (SIGKILL) past it. */
  timeoutMs: number;
};

/**
 * Run the CLI in a fresh Node process, so every measurement starts from a clean heap and its
 * peak RSS is its own (each bench size runs this way).
 */
export function runGreenslotChild({ args, timeoutMs }: RunGreenslotChildParams): Promise<ChildResult> {
  const started = performance.now();
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [resolve(REPO_ROOT, 'cli', 'bin.mjs'), ...args], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      let json: Record<string, unknown> | null = null;
      for (const line of stdout.trim().split('\n').reverse()) {
        if (!line.startsWith('{')) continue;
        try {
          json = JSON.parse(line) as Record<string, unknown>;
          break;
        } catch {
          // Not the result line; keep looking upward.
        }
      }
      resolvePromise({ json, exitCode, killed, wallMs: performance.now() - started, stderr: stderr.slice(-2000) });
    });
  });
}
