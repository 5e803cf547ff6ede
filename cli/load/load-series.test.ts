import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/lib/core/errors';
import { alignSeries, parseTimestamp } from './align-series';
import { loadMix } from './load-mix';
import { loadPv } from './load-pv';
import { readJsonFile } from './read-json-file';

const dir = mkdtempSync(join(tmpdir(), 'greenslot-load-'));
const timeline = { startMs: Date.UTC(2023, 6, 1), slotMinutes: 15 };
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
    expect(loadMix({ path, timeline })).toEqual([{ solar: 0.25, coal: 0.75 }, { wind: 1 }]);
  });

  it('aligns timestamped CSV rows (MW values) to the slots of the timeline', () => {
    const path = file('mix.csv', 'timestamp,solar,gas\n2023-07-01T00:00Z,0,100\n2023-07-01T00:30Z,50,50\n');
    const mix = loadMix({ path, timeline });
    expect(mix).toHaveLength(3);
    expect(mix[0]).toEqual({ gas: 1 });
    expect(mix[1]).toEqual({ gas: 1 });
    expect(mix[2]).toEqual({ solar: 0.5, gas: 0.5 });
  });

  it('error: an unknown source column is reported at line 1', () => {
    const path = file('bad-col.csv', 'timestamp,sun\n2023-07-01T00:00Z,1\n');
    expect(issuesOf(() => loadMix({ path, timeline }))[0]).toMatchObject({ file: path, where: 'line 1' });
  });

  it('error: a negative or non-numeric share names the CSV line', () => {
    const path = file('bad-row.csv', 'solar,coal\n0.5,0.5\n-1,2\n0.2,x\n');
    const issues = issuesOf(() => loadMix({ path, timeline }));
    expect(issues.map((i) => i.where)).toEqual(['line 3', 'line 4']);
  });

  it('error: a NaN-like JSON value names the JSON path', () => {
    const path = file('bad.json', JSON.stringify([{ solar: 0.5, wind: '0.5' }]));
    expect(issuesOf(() => loadMix({ path, timeline }))[0]).toMatchObject({ where: '$[0].wind' });
  });
});

describe('loadPv', () => {
  it('reads a JSON array of kW and a CSV kw column', () => {
    expect(loadPv({ path: file('pv.json', '[0, 1.5, 3]'), timeline })).toEqual([0, 1.5, 3]);
    expect(loadPv({ path: file('pv.csv', 'kw\n0\n2\n'), timeline })).toEqual([0, 2]);
  });

  it('error: a negative kW names the JSON index or CSV line', () => {
    expect(issuesOf(() => loadPv({ path: file('pvbad.json', '[1, -2]'), timeline }))[0].where).toBe('$[1]');
    expect(issuesOf(() => loadPv({ path: file('pvbad.csv', 'timestamp,kw\n2023-07-01T00:00Z,1\nnot-a-time,2\n'), timeline }))[0].where).toBe('line 3');
  });
});

describe('alignSeries and parseTimestamp', () => {
  it('reads ISO (UTC without offset), epoch seconds and epoch ms', () => {
    expect(parseTimestamp('2023-07-01 00:15')).toBe(timeline.startMs + 900_000);
    expect(parseTimestamp(String(timeline.startMs / 1000))).toBe(timeline.startMs);
    expect(parseTimestamp(String(timeline.startMs))).toBe(timeline.startMs);
    expect(parseTimestamp('soon')).toBeUndefined();
  });

  it('drops rows before slot 0 and forward-fills gaps', () => {
    const points = [
      { ms: timeline.startMs - 900_000, value: 'early' },
      { ms: timeline.startMs + 900_000, value: 'b' },
      { ms: timeline.startMs + 3 * 900_000, value: 'd' }
    ];
    expect(alignSeries({ points, timeline })).toEqual(['early', 'b', 'b', 'd']);
  });
});
