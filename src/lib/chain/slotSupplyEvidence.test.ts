import { keccak256, stringToBytes } from 'viem';
import { describe, expect, it } from 'vitest';
import type { SlotRecord } from '../core/engine/types';
import { canonicalJson } from './receipt';
import { slotEvidenceHash, slotSupplyEvidence } from './slotSupplyEvidence';

const record: SlotRecord = {
  slot: 30, startMs: 1_700_000_000_000, evKw: 22, evEnergyKWh: 5.5, greenKWh: 2.25, greenShare: 0.41, baseLoadKw: 3, pvKw: 9.5,
  netLoadKw: 15.5, limitKw: 100, nodes: [{ nodeId: 'root', evKw: 22, baseLoadKw: 3, pvKw: 9.5, netLoadKw: 15.5, limitKw: 100 }],
  overloads: [], overKw: 0, gridMix: { wind: 0.25, gas: 0.75 }, co2GPerKWh: 250, pricePerKWh: 0.31, chargingSessions: 2
};

describe('slotSupplyEvidence', () => {
  it('picks exactly the fields supply is computed from', () => {
    expect(slotSupplyEvidence({ record })).toEqual({ slot: 30, startMs: 1_700_000_000_000, evKw: 22, evEnergyKWh: 5.5, greenKWh: 2.25, baseLoadKw: 3, pvKw: 9.5, gridMix: { wind: 0.25, gas: 0.75 } });
  });

  it('hashes the canonical JSON of the picked fields, whether given the whole record or only the evidence', () => {
    const evidence = slotSupplyEvidence({ record })!;
    const expected = keccak256(stringToBytes(canonicalJson({ value: evidence })));
    expect(slotEvidenceHash({ evidence })).toBe(expected);
    expect(slotEvidenceHash({ evidence: record })).toBe(expected);
    // A stored row went through IndexedDB's structured clone: the same figures give the same hash.
    expect(slotEvidenceHash({ evidence: structuredClone({ ...evidence, nodes: [], siteId: 'x' }) })).toBe(expected);
  });

  it('error: a row from an older build without the supply fields has no evidence', () => {
    const { greenKWh: _dropped, ...old } = record;
    expect(slotSupplyEvidence({ record: old })).toBeUndefined();
    expect(slotSupplyEvidence({ record: { slot: 3, evKw: 1 } })).toBeUndefined();
  });
});
