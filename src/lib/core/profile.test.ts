import { describe, expect, it } from 'vitest';
import { profileAt } from './profile';

describe('profileAt', () => {
  it('returns a constant for every slot', () => {
    expect(profileAt(7, 0)).toBe(7);
    expect(profileAt(7, 1234)).toBe(7);
  });
  it('repeats an array periodically, also for negative slots', () => {
    const day = [1, 2, 3];
    expect(profileAt(day, 4)).toBe(2);
    expect(profileAt(day, -1)).toBe(3);
  });
  it('falls back when the profile is missing or empty', () => {
    expect(profileAt(undefined, 3, 9)).toBe(9);
    expect(profileAt([], 3, 5)).toBe(5);
  });
});
