import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { generationMixCsv, importGenerationMix, importSessionLog, sessionLogCsv, startGapMeter, stopGapMeter, countReplaySessions } from '../../test/support/import-fixtures';
import { median } from './stats';
import { REPO_ROOT } from './run-child';

/** One browser run measured (median of its repetitions). */
export type BrowserBenchRow = {
  name: string;
  /** Size of the imported file, MB (null for a run without a file). */
  sizeMb: number | null;
  rows: number;
  /** Click (Import / Compare) → its result on the page, ms (median). */
  wallMsMedian: number;
  /** The page main thread's longest gap between 10 ms ticks meanwhile, ms (median, then max). */
  maxGapMsMedian: number;
  maxGapMsMax: number;
  repetitions: number;
  error?: string;
};

type Scenario = { name: string; rows: number; text: string; path: string; prepare?: (page: Page) => Promise<void>; run: (page: Page, file: string, click: (testid: string) => Promise<void>) => Promise<void> };

const TIMEOUT_MS = 10 * 60_000;

/**
 * What the e2e suite must not time, measured in headless Chromium against the production build
 * (`vite build` + `vite preview`): a ~50 MB generation-mix CSV and a 200,000-session log parsed
 * and written in the import worker, and the operator's strategy comparison (8 schedulers on the
 * demo day, in the solver worker) — wall time and the page main thread's longest pause.
 * Measured, not asserted (the e2e suite checks the behaviour).
 */
export async function runBrowserBench({ quick = false, repeat = quick ? 1 : 3, port = Number(process.env.BENCH_PORT ?? 4191), log = () => {} }: { quick?: boolean; repeat?: number; port?: number; log?: (line: string) => void } = {}): Promise<{ rows: BrowserBenchRow[]; notes: string[] }> {
  const mixRows = quick ? 70_000 : 700_000;
  const sessionRows = quick ? 20_000 : 200_000;
  const scenarios: Scenario[] = [
    { name: `import: generation mix CSV, ${mixRows.toLocaleString('en')} quarter-hours`, rows: mixRows, text: generationMixCsv({ rows: mixRows }), path: '/operator/import', run: (page, file, click) => importGenerationMix(page, { path: file, timeoutMs: TIMEOUT_MS, run: () => click('import-run') }) },
    { name: `import: session log CSV, ${sessionRows.toLocaleString('en')} sessions`, rows: sessionRows, text: sessionLogCsv({ rows: sessionRows }), path: '/operator/import', run: (page, file, click) => importSessionLog(page, { path: file, rows: sessionRows, timeoutMs: TIMEOUT_MS, run: () => click('import-run') }) },
    {
      name: 'strategy comparison of the demo day (8 schedulers, after 8 gates)',
      rows: 8,
      text: '',
      path: '/operator',
      prepare: async (page) => {
        for (let i = 0; i < 8; i++) {
          await page.getByTestId('clock-step').click();
          await page.waitForFunction(() => !(document.querySelector('[data-testid="clock-step"]') as HTMLButtonElement | null)?.disabled, undefined, { timeout: TIMEOUT_MS });
        }
      },
      run: async (page, _file, click) => {
        await click('run-compare');
        await page.getByTestId('compare-table').waitFor({ timeout: TIMEOUT_MS });
      }
    }
  ];
  const dir = mkdtempSync(join(tmpdir(), 'gs-import-bench-'));
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  try {
    log('  vite build …');
    await run('npx', ['vite', 'build']);
    server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort'], { cwd: REPO_ROOT, stdio: 'ignore', detached: true });
    await waitForServer(`http://localhost:${port}/`);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking'] });
    const rows: BrowserBenchRow[] = [];
    for (const s of scenarios) {
      const file = join(dir, `${s.rows}.csv`);
      writeFileSync(file, s.text);
      const sizeMb = Buffer.byteLength(s.text) / 1_048_576;
      const walls: number[] = [];
      const gaps: number[] = [];
      let error: string | undefined;
      for (let i = 0; i < repeat && !error; i++) {
        const context = await browser.newContext({ baseURL: `http://localhost:${port}` });
        const page = await context.newPage();
        try {
          await page.goto(s.path);
          await page.getByTestId('clock-now').waitFor();
          await s.prepare?.(page);
          let startedMs = 0;
          const click = async (testid: string) => {
            await startGapMeter(page);
            startedMs = performance.now();
            await page.getByTestId(testid).click();
          };
          await s.run(page, file, click);
          walls.push(performance.now() - startedMs);
          gaps.push(await stopGapMeter(page));
          if (s.name.startsWith('import: session') && (await countReplaySessions(page)) !== s.rows) error = 'stored count differs from the file';
        } catch (e) {
          error = e instanceof Error ? e.message.split('\n')[0] : String(e);
        } finally {
          await context.close();
        }
        log(`  ${s.name}: ${walls.length ? `${(walls.at(-1)! / 1000).toFixed(1)} s, longest main-thread gap ${gaps.at(-1)!.toFixed(0)} ms` : error}`);
      }
      rows.push({ name: s.name, sizeMb: s.text ? Math.round(sizeMb * 10) / 10 : null, rows: s.rows, wallMsMedian: walls.length ? Math.round(median(walls)) : NaN, maxGapMsMedian: gaps.length ? Math.round(median(gaps)) : NaN, maxGapMsMax: gaps.length ? Math.round(Math.max(...gaps)) : NaN, repetitions: walls.length, ...(error ? { error } : {}) });
    }
    return {
      rows,
      notes: [
        'Imports: wall time from the click on Import to the "done" banner (reading, parsing and writing in the import worker). Comparison: from the click on Compare to the KPI table.',
        "The gap is the page main thread's longest pause between 10 ms timer ticks meanwhile (what a user would feel as a frozen page)."
      ]
    };
  } finally {
    await browser?.close();
    if (server?.pid) process.kill(-server.pid, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd: resolve(REPO_ROOT), stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // Not up yet.
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`preview server at ${url} did not start`);
}
