import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../testing/run-cli-captured';
import { TINY_SITE, writeFixtures } from '../testing/tiny-fixtures';

describe('greenslot simulate', () => {
  it('simulates a small workplace day through the optimizer and prints the metric keys', async () => {
    const run = await runCliCaptured(['simulate', '--preset', 'workplace', '--evs', '6', '--days', '1', '--seed', '3', '--strategy', 'balanced', '--json']);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    for (const key of ['energyDeliveredPct', 'demandsMetPct', 'peakKw', 'greenSharePct', 'co2GPerKWh', 'violationsKwSlots', 'solveMsP50', 'solveMsMax', 'sessions', 'gates']) {
      expect(out).toHaveProperty(key);
    }
    expect(out.requests).toBeGreaterThan(0);
    expect(out.violationsKwSlots).toBeLessThanOrEqual(1e-6);
  });

  it('gives the same metrics for the same seed (deterministic), on a site from a file', async () => {
    const files = writeFixtures({ 'site.json': TINY_SITE });
    const args = ['simulate', '--preset', 'residential', '--evs', '3', '--seed', '7', '--strategy', 'edf', '--site', files['site.json'], '--json'];
    const a = JSON.parse((await runCliCaptured(args)).stdout);
    const b = JSON.parse((await runCliCaptured(args)).stdout);
    // Timings and memory differ run to run; everything else must be identical.
    const strip = (out: Record<string, unknown>) => Object.fromEntries(Object.entries(out).filter(([k]) => !/Ms(P\d+|Max)?$|Mb$|^cpuS$/.test(k)));
    expect(strip(a)).toEqual(strip(b));
  });

  it('error: an unknown preset is a usage error', async () => {
    const run = await runCliCaptured(['simulate', '--preset', 'stadium']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('workplace|public|residential');
  });
});
