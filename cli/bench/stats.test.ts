import { describe, expect, it } from 'vitest';
import { machineInfo } from './machine-info';
import { median, round } from './stats';

describe('median', () => {
  it('takes the middle value, or the mean of the middle two', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('rounds for display', () => {
    expect(round(1.2345, 2)).toBe(1.23);
  });
});

describe('machineInfo', () => {
  it('records CPU, cores, memory, Node version and date', () => {
    const info = machineInfo({ now: new Date(0) });
    expect(info.cores).toBeGreaterThan(0);
    expect(info.node).toBe(process.version);
    expect(info.dateIso).toBe('1970-01-01T00:00:00.000Z');
  });
});
