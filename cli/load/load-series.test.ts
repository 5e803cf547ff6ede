import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/lib/core/errors';
import { alignSeries } from './align-series';
import { loadMix } from './load-mix';
import { loadPv } from './load-pv';
import { readJsonFile } from './read-json-file';

const dir = mkdtempSync(join(tmpdir(), 'greenslot-load-'));
const timeline = { startMs: Date.UTC(2023, 6, 1), slotMinutes: 15 };
/** A 10-day run at 15 min. */
const lastSlot = 960;
function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
function issuesOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('readJsonFile', () => {
  it('error: a missing file names the file', () => {
    const issues = issuesOf(() => readJsonFile({ path: join(dir, 'absent.json') }));
    expect(issues[0]).toMatchObject({ file: join(dir, 'absent.json'), message: 'file not found' });
  });

  it('error: broken JSON names the line and column', () => {
    const path = file('broken.json', '{\n  "a": 1,\n  oops\n}');
    const issues = issuesOf(() => readJsonFile({ path }));
    expect(issues[0].file).toBe(path);
    expect(issues[0].where).toMatch(/^line 3 column \d+$/);
  });
});

describe('loadMix', () => {
  it('normalises JSON rows to shares and repeats them by slot', () => {
    const path = file('mix.json', JSON.stringify([{ solar: 1, coal: 3 }, { wind: 2 }]));
    expect(loadMix({ path, timeline, lastSlot })).toEqual([{ solar: 0.25, coal: 0.75 }, { wind: 1 }]);
  });

  it('reads a timestamped CSV (MW values) through core’s generation importer, each row held until the next (the last for one step)', () => {
    const path = file('mix.csv', 'timestamp,solar,gas\n2023-07-01T00:00Z,0,100\n2023-07-01T00:30Z,50,50\n');
    const mix = loadMix({ path, timeline, lastSlot });
    expect(mix).toEqual([{ gas: 1 }, { gas: 1 }, { solar: 0.5, gas: 0.5 }, { solar: 0.5, gas: 0.5 }]);
  });

  it('reads a quoted cell with a line break and a BOM through the one CSV path', () => {
    const path = file('quoted.csv', '\uFEFFsolar,"wind"\n"1",1\n');
    expect(loadMix({ path, timeline, lastSlot })).toEqual([{ solar: 0.5, wind: 0.5 }]);
    const stamped = file('quoted-ts.csv', 'timestamp,solar,"note\nline"\n2023-07-01T00:00Z,1,x\n');
    expect(issuesOf(() => loadMix({ path: stamped, timeline, lastSlot }))[0]).toMatchObject({ where: 'line 1', message: expect.stringContaining('"note\nline"') });
  });

  it('error: shares of 1e308 or a stray year name the file and the JSON path', () => {
    const huge = file('huge.json', '[{"solar": 1e308, "wind": 1e308}]');
    const issues = issuesOf(() => loadMix({ path: huge, timeline, lastSlot }));
    expect(issues[0]).toMatchObject({ file: huge, where: '$[0].solar', message: expect.stringContaining('from 0 to 10000000') });
    const future = file('future.json', '[{"timestamp": "2918-01-01T00:00Z", "wind": 1}]');
    expect(issuesOf(() => loadMix({ path: future, timeline, lastSlot }))[0]).toMatchObject({ where: '$[0].timestamp', message: expect.stringContaining('1990–2099') });
    const csv = file('huge.csv', 'timestamp,solar\n2023-07-01T00:00Z,1e308\n');
    expect(issuesOf(() => loadMix({ path: csv, timeline, lastSlot }))[0]).toMatchObject({ file: csv, where: 'line 2', message: expect.stringContaining('"1e308" is not a number from') });
  });

  it('error: an unknown source column is reported at line 1', () => {
    const path = file('bad-col.csv', 'timestamp,sun\n2023-07-01T00:00Z,1\n');
    expect(issuesOf(() => loadMix({ path, timeline, lastSlot }))[0]).toMatchObject({ file: path, where: 'line 1' });
  });

  it('error: a negative or non-numeric share names the CSV line', () => {
    const path = file('bad-row.csv', 'solar,coal\n0.5,0.5\n-1,2\n0.2,x\n');
    const issues = issuesOf(() => loadMix({ path, timeline, lastSlot }));
    expect(issues.map((i) => i.where)).toEqual(['line 3 column "solar"', 'line 4 column "coal"']);
  });

  it('error: a NaN-like JSON value names the JSON path', () => {
    const path = file('bad.json', JSON.stringify([{ solar: 0.5, wind: '0.5' }]));
    expect(issuesOf(() => loadMix({ path, timeline, lastSlot }))[0]).toMatchObject({ where: '$[0].wind' });
  });
});

describe('loadPv', () => {
  it('reads a JSON array of kW and a CSV kw column', () => {
    expect(loadPv({ path: file('pv.json', '[0, 1.5, 3]'), timeline, lastSlot })).toEqual([0, 1.5, 3]);
    expect(loadPv({ path: file('pv.csv', 'kw\n0\n2\n'), timeline, lastSlot })).toEqual([0, 2]);
  });

  it('error: a JSON object is refused as such (not read as CSV), and 1e12 kW is beyond the plausible maximum', () => {
    expect(issuesOf(() => loadPv({ path: file('pvobj.json', '{"kw": [1, 2]}'), timeline, lastSlot }))[0]).toMatchObject({ where: '$', message: expect.stringContaining('got a JSON object') });
    expect(issuesOf(() => loadPv({ path: file('pvbig.json', '[1e12]'), timeline, lastSlot }))[0]).toMatchObject({ where: '$[0]', message: expect.stringContaining('from 0 to 1000000') });
  });

  it('resamples timestamped rows through core’s generation resampler: hourly rows held, 5-min rows averaged, holes 0 kW', () => {
    const hourly = file('pvh.csv', 'timestamp,kw\n2023-07-01T00:00Z,4\n2023-07-01T01:00Z,8\n2023-07-01T03:00Z,2\n');
    expect(loadPv({ path: hourly, timeline, lastSlot })).toEqual([4, 4, 4, 4, 8, 8, 8, 8, 0, 0, 0, 0, 2, 2, 2, 2]);
    const fine = file('pv5.csv', 'timestamp,kw\n2023-07-01T00:00Z,1\n2023-07-01T00:05Z,2\n2023-07-01T00:10Z,6\n');
    expect(loadPv({ path: fine, timeline, lastSlot })).toEqual([3]);
  });

  it('stops at the end of the run and never allocates slots up to a far-future row', () => {
    const path = file('pvfar.csv', 'timestamp,kw\n2023-07-01T00:00Z,1\n2023-07-01T00:15Z,2\n2099-12-31T00:00Z,3\n');
    const pv = loadPv({ path, timeline, lastSlot });
    expect(pv).toHaveLength(lastSlot + 1);
    expect(pv.slice(0, 3)).toEqual([1, 2, 0]);
  });

  it('error: a negative kW names the JSON index or CSV line', () => {
    expect(issuesOf(() => loadPv({ path: file('pvbad.json', '[1, -2]'), timeline, lastSlot }))[0].where).toBe('$[1]');
    expect(issuesOf(() => loadPv({ path: file('pvbad.csv', 'timestamp,kw\n2023-07-01T00:00Z,1\nnot-a-time,2\n'), timeline, lastSlot }))[0].where).toBe('line 3 column "timestamp"');
  });
});

describe('alignSeries', () => {
  it('drops rows before slot 0 and after the last slot, and forward-fills gaps', () => {
    const points = [
      { ms: timeline.startMs - 900_000, value: 'early' },
      { ms: timeline.startMs + 900_000, value: 'b' },
      { ms: timeline.startMs + 3 * 900_000, value: 'd' },
      { ms: timeline.startMs + 1e12, value: 'far' }
    ];
    expect(alignSeries({ points, timeline, lastSlot })).toEqual(['early', 'b', 'b', 'd']);
  });
});
