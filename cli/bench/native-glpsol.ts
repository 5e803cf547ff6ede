import { spawnSync } from 'node:child_process';

/** A native GLPK (`glpsol`) solve of a written LP file: checks the file is portable and gives a native reference time. */
export type GlpsolRun = { evs: number; lpFile: string; wallMs: number; status: string; objective: number | null };

/** True when the `glpsol` binary (Debian `glpk-utils`) is on PATH. */
export function hasGlpsol(): boolean {
  return spawnSync('glpsol', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Solve an LP file with native glpsol under a time limit; status and objective parsed from its log. */
export function runGlpsol({ evs, lpFile, timeLimitS = 60, cwd }: { evs: number; lpFile: string; timeLimitS?: number; cwd: string }): GlpsolRun {
  const started = performance.now();
  const res = spawnSync('glpsol', ['--lp', lpFile, '--tmlim', String(timeLimitS)], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: (timeLimitS + 60) * 1000 });
  const wallMs = performance.now() - started;
  const log = `${res.stdout ?? ''}${res.stderr ?? ''}`;
  const status = /OPTIMAL LP SOLUTION FOUND|INTEGER OPTIMAL SOLUTION FOUND/.test(log) ? 'optimal' : /TIME LIMIT EXCEEDED/.test(log) ? 'time-limit' : res.error ? `error: ${res.error.message}` : 'other';
  // The last progress line carries the objective: "* 23940: obj =   8.986706389e+05 inf = …".
  const objMatches = [...log.matchAll(/obj =\s+(-?[\d.]+e[+-]\d+)/g)];
  const objective = status === 'optimal' && objMatches.length ? Number(objMatches[objMatches.length - 1][1]) : null;
  return { evs, lpFile, wallMs, status, objective };
}
