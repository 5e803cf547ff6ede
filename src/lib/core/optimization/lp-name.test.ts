import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeLpName, encodeLpId, lpName, parseLpName } from './lp-name';

describe('lpName', () => {
  it('keeps readable ids readable and escapes LP operators', () => {
    expect(lpName('evse', 'CA-496', 37)).toBe('evse.CA~2d496.37');
    expect(lpName('energy', 'S12')).toBe('energy.S12');
    expect(encodeLpId('a b:c+d')).toBe('a~20b~3ac~2bd');
  });

  it('produces only characters every CPLEX LP reader accepts', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (id) => {
        expect(lpName('p', id, 3)).toMatch(/^[A-Za-z0-9_.~]+$/);
      }),
      { numRuns: 200 }
    );
  });

  it('is reversible, also for ids containing dots, tildes and non-Latin characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.nat(10_000), (id, slot) => {
        expect(decodeLpName(encodeLpId(id))).toBe(id);
        expect(parseLpName(lpName('p', id, slot))).toEqual(['p', id, String(slot)]);
      }),
      { numRuns: 200 }
    );
  });
});
