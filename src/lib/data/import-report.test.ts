import { describe, expect, it } from 'vitest';
import { countLeftOutRows, importedAtWords, leftOutWords } from './import-report';

describe('countLeftOutRows', () => {
  it('counts a CSV line with several problems once', () => {
    const issues = [{ where: 'line 4' }, { where: 'line 4' }, { where: 'line 5' }, { where: 'line 12' }];
    expect(countLeftOutRows({ issues })).toBe(3);
  });

  it('counts JSON records, and an EVSE of a Location as its own row', () => {
    const issues = [
      { where: '$[1].evses[1].status' },
      { where: '$[1].evses[2].connectors[0].power_type' },
      { where: '$[1].evses[2].connectors[1].max_voltage' },
      { where: '$._items[7].kWhDelivered' },
      { where: '$._items[7].connectionTime' },
      { where: '$.data[0].id' },
      { where: '$[3]' }
    ];
    expect(countLeftOutRows({ issues })).toBe(5);
  });

  it('issues about the whole file are no row', () => {
    expect(countLeftOutRows({ issues: [{ where: '$' }, { where: 'mapping' }] })).toBe(0);
  });
});

describe('leftOutWords', () => {
  it('says rows and problems apart, with thousands separators', () => {
    expect(leftOutWords({ rows: 1873, problems: 3612 })).toBe('1,873 rows (3,612 problems)');
    expect(leftOutWords({ rows: 1, problems: 1 })).toBe('1 row (1 problem)');
  });
});

describe('importedAtWords', () => {
  it('says when an import ran as real time in the site zone, 24-hour, whatever zone the browser is in', () => {
    expect(importedAtWords({ ms: Date.parse('2026-12-05T13:07:00Z'), timeZone: 'Europe/Amsterdam' })).toBe('Sat 5 Dec, 14:07 real time');
    expect(importedAtWords({ ms: Date.parse('2026-12-05T23:30:00Z'), timeZone: 'Europe/Amsterdam' })).toBe('Sun 6 Dec, 00:30 real time');
  });
});
