import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../testing/run-cli-captured';
import { TINY_ACN, TINY_SITE, writeFixtures } from '../testing/tiny-fixtures';

const REQUIRED_KEYS = ['energyDeliveredPct', 'demandsMetPct', 'peakKw', 'greenSharePct', 'co2GPerKWh', 'violationsKwSlots', 'solveMsP50', 'solveMsMax', 'sessions', 'gates'];

describe('greenslot replay', () => {
  const files = writeFixtures({ 'site.json': TINY_SITE, 'acn.json': TINY_ACN, 'pv.json': [0, 5, 10] });
  const base = ['replay', '--sessions', files['acn.json'], '--format', 'acn', '--site', files['site.json']];

  it('replays an ACN log through the real core and prints every metric key as JSON', async () => {
    const run = await runCliCaptured([...base, '--strategy', 'edf', '--json']);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout.trim());
    for (const key of REQUIRED_KEYS) expect(out).toHaveProperty(key);
    expect(out.sessions).toBe(2);
    expect(out.energyDeliveredPct).toBeGreaterThan(99);
    expect(out.gates).toBeGreaterThan(0);
  });

  it('reports the one bad session with its file and JSON path, skips it and runs the rest', async () => {
    const run = await runCliCaptured([...base, '--strategy', 'fcfs', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(new RegExp(`skipped: ${files['acn.json'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\$\\._items\\[1\\]`));
    expect(JSON.parse(run.stdout).skippedSessions).toBe(1);
  });

  it('runs the HiGHS optimizer with a tight root limit and PV from a file', async () => {
    const run = await runCliCaptured([...base, '--strategy', 'optimal', '--root-limit-kw', '8', '--pv', files['pv.json'], '--json']);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.peakKw).toBeLessThanOrEqual(8 + 1e-6);
    expect(out.violationsKwSlots).toBeLessThanOrEqual(1e-6);
  });

  it('uses a --mix file for the grid mix (all-wind slots → 100 % green, 11 g/kWh)', async () => {
    const mix = writeFixtures({ 'mix.csv': 'timestamp,wind,coal\n2018-04-25T00:00Z,5,0\n' });
    const out = JSON.parse((await runCliCaptured([...base, '--strategy', 'edf', '--mix', mix['mix.csv'], '--json'])).stdout);
    expect(out.greenSharePct).toBeCloseTo(100, 6);
    expect(out.co2GPerKWh).toBeCloseTo(11, 6);
  });

  it('error: a site file with a bad limit exits 1 naming the file and JSON path', async () => {
    const bad = writeFixtures({ 'bad-site.json': { ...TINY_SITE, nodes: [{ ...TINY_SITE.nodes[0], limitKw: -5 }, TINY_SITE.nodes[1]] } });
    const run = await runCliCaptured(['replay', '--sessions', files['acn.json'], '--format', 'acn', '--site', bad['bad-site.json'], '--strategy', 'edf']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(bad['bad-site.json']);
    expect(run.stderr).toContain('$.nodes[0].limitKw');
  });

  it('error: a missing sessions file exits 1 naming it', async () => {
    const run = await runCliCaptured(['replay', '--sessions', '/nonexistent/s.json', '--format', 'acn', '--site', files['site.json'], '--strategy', 'edf']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('/nonexistent/s.json $: file not found');
  });

  it('error: a bad CSV mapping file exits 1 naming the JSON path', async () => {
    const more = writeFixtures({ 'log.csv': 'a,b\n1,2\n', 'mapping.json': { arrival: 'a', departure: 'b', energyKWh: 3 } });
    const run = await runCliCaptured(['replay', '--sessions', more['log.csv'], '--format', 'csv', '--csv-mapping', more['mapping.json'], '--site', files['site.json'], '--strategy', 'edf']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${more['mapping.json']} $.energyKWh`);
  });

  it('error: missing --strategy or an unknown format is a usage error (exit 2)', async () => {
    expect((await runCliCaptured(base)).code).toBe(2);
    expect((await runCliCaptured(['replay', '--sessions', 'x', '--site', 'y', '--strategy', 'edf', '--format', 'xml'])).stderr).toContain('acn|ocpi|csv');
  });
});
