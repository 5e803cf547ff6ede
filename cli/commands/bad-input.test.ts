import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCaptured, type CapturedRun } from '../testing/run-cli-captured';
import { acnItem, TINY_SITE, writeFixtures } from '../testing/tiny-fixtures';

const GMT = (iso: string) => new Date(iso).toUTCString();
const session = (id: string, evse: string, from: string, to: string, kWh = 6) => acnItem(id, evse, GMT(from), GMT(to), kWh);
const good = [session('ok-1', 'E1', '2018-04-25T08:00Z', '2018-04-25T12:00Z'), session('ok-2', 'E2', '2018-04-25T09:00Z', '2018-04-25T13:00Z')];

/** No stack frames, exit code 0/1/2: what every bad input must give. */
function expectNamedOutcome(run: CapturedRun) {
  expect([0, 1, 2]).toContain(run.code);
  expect(run.stderr).not.toMatch(/\n\s+at .+[(:]\d+/);
  expect(run.stderr).not.toContain('internal error');
}

async function replay(sessions: unknown, more: string[] = [], site: unknown = TINY_SITE) {
  const f = writeFixtures({ 'site.json': site, 'acn.json': sessions });
  const run = await runCliCaptured(['replay', '--sessions', f['acn.json'], '--format', 'acn', '--site', f['site.json'], '--strategy', 'edf', '--json', ...more]);
  expectNamedOutcome(run);
  return { run, out: run.code === 0 ? JSON.parse(run.stdout) : undefined, files: f };
}

describe('greenslot replay on implausible sessions', () => {
  it('skips a session dated 1900 and one ending in 2918 among 2018 sessions, says why, and replays one day', async () => {
    const { run, out } = await replay({
      _items: [...good, session('old', 'E3', '1900-04-25T08:00Z', '1900-04-25T10:00Z'), session('future', 'E3', '2018-04-25T08:00Z', '2918-04-25T10:00Z')]
    });
    expect(run.code).toBe(0);
    expect(out.sessions).toBe(2);
    expect(out.skippedSessions).toBe(2);
    expect(out.skipped).toEqual([
      { where: '$._items[2].connectionTime', message: expect.stringContaining('arrival 1900-04-25T08:00:00.000Z is outside the plausible years 1990–2099') },
      { where: '$._items[2].disconnectTime', message: expect.stringContaining('outside the plausible years') },
      { where: '$._items[3].disconnectTime', message: expect.stringContaining('departure 2918-04-25T10:00:00.000Z is outside the plausible years') }
    ]);
    expect(out.gates).toBeLessThan(200);
    expect(run.stderr).toContain('skipped: ');
  });

  it('skips a session lasting a year (over the 14-day plausible stay) and a 1e12 kWh session, naming the field', async () => {
    const { out } = await replay({ _items: [...good, session('year', 'E3', '2018-04-25T08:00Z', '2019-04-25T08:00Z'), session('huge', 'E3', '2018-04-25T08:00Z', '2018-04-25T10:00Z', 1e12)] });
    expect(out.sessions).toBe(2);
    expect(out.skipped).toEqual([
      { where: '$._items[2].disconnectTime', message: 'a stay of 365.0 days is longer than the plausible 14 days' },
      { where: '$._items[3].kWhDelivered', message: expect.stringContaining('expected at most 1000 kWh for one session') }
    ]);
  });

  it('error: sessions spread over more than 400 days stop with a named error pointing at --from/--to', async () => {
    const { run } = await replay({ _items: [...good, session('later', 'E3', '2020-04-25T08:00Z', '2020-04-25T10:00Z')] });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('the sessions run from 2018-04-25 to 2020-04-25 (732 days); one replay covers at most 400 days: choose a window with --from/--to');
    const windowed = await replay({ _items: [...good, session('later', 'E3', '2020-04-25T08:00Z', '2020-04-25T10:00Z')] }, ['--to', '2019-01-01']);
    expect(windowed.run.code).toBe(0);
  });

  it('lists the requests the engine rejects (a stay shorter than a slot) with ids and reasons, counted in requestedKWh', async () => {
    const { run, out } = await replay({ _items: [...good, session('blink', 'E3', '2018-04-25T08:01Z', '2018-04-25T08:05Z', 2)] });
    expect(out.rejectedSessions).toEqual([{ id: 'blink', reason: expect.any(String), requestedKWh: 2, gateSlot: expect.any(Number) }]);
    expect(run.stderr).toContain('note: 1 request(s) rejected at their gate');
    const perSession = out.perSession.reduce((s: number, p: { requestedKWh: number }) => s + p.requestedKWh, 0);
    expect(out.requestedKWh).toBeCloseTo(perSession + 2, 9);
  });

  it('accepts a site JSON that starts with a byte-order mark', async () => {
    const { run } = await replay({ _items: good }, [], `\uFEFF${JSON.stringify(TINY_SITE)}`);
    expect(run.code).toBe(0);
  });

  it('error: a site limit of 1e308 kW exits 1 naming the file, JSON path and the plausible maximum', async () => {
    const { run, files } = await replay({ _items: good }, [], { ...TINY_SITE, nodes: [{ ...TINY_SITE.nodes[0], limitKw: 1e308 }, TINY_SITE.nodes[1]] });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${files['site.json']} $.nodes[0].limitKw: expected at most 1000000 kW`);
  });

  it('error: --mix shares of 1e308 and a --pv JSON object exit 1 naming the file and JSON path', async () => {
    const f = writeFixtures({ 'mix.json': '[{"solar": 1e308, "coal": 1}]', 'pv.json': { kw: [1, 2] } });
    const mix = await replay({ _items: good }, ['--mix', f['mix.json']]);
    expect(mix.run.code).toBe(1);
    expect(mix.run.stderr).toContain(`${f['mix.json']} $[0].solar: expected a share or MW from 0 to 10000000`);
    const pv = await replay({ _items: good }, ['--pv', f['pv.json']]);
    expect(pv.run.code).toBe(1);
    expect(pv.run.stderr).toContain(`${f['pv.json']} $: expected a non-empty JSON array of kW numbers, got a JSON object`);
  });
});

describe('greenslot replay on deeply nested JSON', () => {
  it('error: a 100,000-deep array as session log, site, --mix or --pv is a named error, never a stack overflow', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const f = writeFixtures({ 'deep.json': deep, 'site.json': TINY_SITE, 'acn.json': { _items: good } });
    for (const args of [
      ['--sessions', f['deep.json'], '--site', f['site.json']],
      ['--sessions', f['acn.json'], '--site', f['deep.json']],
      ['--sessions', f['acn.json'], '--site', f['site.json'], '--mix', f['deep.json']],
      ['--sessions', f['acn.json'], '--site', f['site.json'], '--pv', f['deep.json']]
    ]) {
      const run = await runCliCaptured(['replay', '--format', 'acn', '--strategy', 'edf', ...args]);
      expectNamedOutcome(run);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toContain(`${f['deep.json']} $`);
    }
  });
});

describe('greenslot replay --format csv on out-of-range epochs', () => {
  it('skips an arrival of 1e20 and a departure of 8e15 ms with the line and the reason, and runs the rest', async () => {
    const f = writeFixtures({
      'site.json': TINY_SITE,
      'log.csv': ['id,start,end,kwh,evse', 'a,1524643200000,1524657600000,5,E1', 'b,1e20,1524657600000,5,E2', 'c,1524643200000,8e15,5,E3'].join('\n'),
      'map.json': { id: 'id', arrival: 'start', departure: 'end', energyKWh: 'kwh', evseId: 'evse', timeFormat: 'epoch-ms' }
    });
    const run = await runCliCaptured(['replay', '--sessions', f['log.csv'], '--format', 'csv', '--csv-mapping', f['map.json'], '--site', f['site.json'], '--strategy', 'edf', '--json']);
    expectNamedOutcome(run);
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.sessions).toBe(1);
    expect(out.skipped).toEqual([
      { where: 'line 3', message: expect.stringContaining('column start: expected a valid arrival (plug-in) time: "1e20" is out of range') },
      { where: 'line 4', message: expect.stringContaining('column end: departure +') }
    ]);
  });

  it('reads a 200,000-session log without overflowing the stack (no Math.min(...spread) over sessions)', async () => {
    const rows = ['id,start,end,kwh,evse'];
    for (let i = 0; i < 200_000; i++) rows.push(`s${i},${1524643200 + i * 60},${1524643200 + i * 60 + 7200},5,E${(i % 3) + 1}`);
    const f = writeFixtures({ 'site.json': TINY_SITE, 'big.csv': rows.join('\n'), 'map.json': { id: 'id', arrival: 'start', departure: 'end', energyKWh: 'kwh', evseId: 'evse', timeFormat: 'epoch-s' } });
    const { loadReplayInputs } = await import('../run/load-replay-inputs');
    const inputs = loadReplayInputs({ sessionsPath: f['big.csv'], format: 'csv', csvMapping: f['map.json'], sitePath: f['site.json'] });
    expect(inputs.requests).toHaveLength(200_000);
    expect(inputs.timeline.startMs).toBe(Date.UTC(2018, 3, 25));
  }, 60_000);
});

describe('greenslot options and output paths', () => {
  it('error: --evs -5 says what is wrong with the number (exit 2), not "ambiguous"', async () => {
    const run = await runCliCaptured(['simulate', '--evs', '-5']);
    expectNamedOutcome(run);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--evs expects an integer ≥ 1 and ≤ 100000 in decimal notation, got "-5"');
  });

  it('error: --root-limit-kw 0x10, --root-limit-kw 1e308 and --start 2026-02-30 are refused (exit 2)', async () => {
    for (const [args, text] of [
      [['--root-limit-kw', '0x10'], 'got "0x10"'],
      [['--root-limit-kw', '1e308'], '≤ 1000000'],
      [['--start', '2026-02-30'], 'day 30 does not exist in Feb 2026']
    ] as const) {
      const run = await runCliCaptured(['simulate', '--evs', '2', ...args]);
      expectNamedOutcome(run);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(text);
    }
  });

  it('error: runs too big for one process (100,000 EVs × 366 days, 100,000 EVs × 2,000 slots) are refused up front (exit 2)', async () => {
    const sim = await runCliCaptured(['simulate', '--evs', '100000', '--days', '366']);
    expectNamedOutcome(sim);
    expect(sim.code).toBe(2);
    expect(sim.stderr).toContain('--evs × --days is at most 1,000,000 sessions, got 100000 × 366');
    const bench = await runCliCaptured(['bench', '--evs', '100000', '--slots', '2000']);
    expect(bench.code).toBe(2);
    expect(bench.stderr).toContain('--evs × --slots is at most 2,000,000');
  });

  it('error: bench --write-lp to a directory exits 1 naming the path, before building anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'greenslot-lp-'));
    const run = await runCliCaptured(['bench', '--evs', '5', '--slots', '4', '--write-lp', dir]);
    expectNamedOutcome(run);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${dir} $: expected a file path, got a directory`);
  });
});

describe('greenslot replay --csv-mapping file checks', () => {
  it('error: an unknown time zone, a quote as delimiter and a 1e9 kW default vehicle name their JSON paths (exit 1)', async () => {
    const f = writeFixtures({
      'site.json': TINY_SITE,
      'log.csv': 'a,b,c\n2019-03-01T08:00Z,2019-03-01T10:00Z,5\n',
      'map.json': { arrival: 'a', departure: 'b', energyKWh: 'c', timezone: 'Mars/Olympus', delimiter: '"', defaultVehicleMaxKw: 1e9 }
    });
    const run = await runCliCaptured(['replay', '--sessions', f['log.csv'], '--format', 'csv', '--csv-mapping', f['map.json'], '--site', f['site.json'], '--strategy', 'edf']);
    expectNamedOutcome(run);
    expect(run.code).toBe(1);
    for (const where of ['$.timezone', '$.delimiter', '$.defaultVehicleMaxKw']) expect(run.stderr).toContain(`${f['map.json']} ${where}:`);
  });
});
