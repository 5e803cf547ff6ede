import { describe, expect, it } from 'vitest';
import { compareSupply, type OnChainSupply } from './compareSupply';
import type { GreenSupplySlot } from './registerGreenSupply';

const engine: GreenSupplySlot = { slot: 5, startMs: 4_500_000, lengthMinutes: 15, greenKWhBySource: { solar: 1.5, wind: 0.25 }, evidenceHash: `0x${'ab'.repeat(32)}` };
const chain = (over: Partial<OnChainSupply> = {}): OnChainSupply => ({ version: 1, greenWh: 1750, claimedWh: 300, sourceWh: [1500, 250, 0, 0], evidenceHash: `0x${'AB'.repeat(32)}`, ...over });

describe('compareSupply', () => {
  it('says not registered when the slot has no version on the ledger', () => {
    const s = compareSupply({ engine, onChain: chain({ version: 0, greenWh: 0, claimedWh: 0, sourceWh: [0, 0, 0, 0], evidenceHash: `0x${'00'.repeat(32)}` }) });
    expect(s).toEqual({ state: 'not-registered', slot: 5, engine: { greenWh: 1750, sourceWh: [1500, 250, 0, 0], claimableWh: 1750 } });
  });

  it('says registered when Wh per category and the evidence hash match (hash case does not matter)', () => {
    expect(compareSupply({ engine, onChain: chain({ bundleIds: [3n, 4n] }) })).toMatchObject({ state: 'registered', slot: 5, claimedWh: 300, version: 1, bundleIds: [3n, 4n] });
  });

  it('names what differs when the ledger holds other figures', () => {
    expect(compareSupply({ engine, onChain: chain({ greenWh: 1000, sourceWh: [750, 250, 0, 0] }) })).toMatchObject({
      state: 'differs',
      onChain: { greenWh: 1000, sourceWh: [750, 250, 0, 0] },
      differences: ['greenWh', 'sourceWh']
    });
    expect(compareSupply({ engine, onChain: chain({ sourceWh: [1750, 0, 0, 0] }) })).toMatchObject({ state: 'differs', differences: ['sourceWh'] });
    expect(compareSupply({ engine, onChain: chain({ evidenceHash: `0x${'00'.repeat(32)}` }) })).toMatchObject({ state: 'differs', differences: ['evidenceHash'] });
  });

  it('counts a zero-Wh registration (version 1) as registered, not missing', () => {
    const zero: GreenSupplySlot = { ...engine, greenKWhBySource: {} };
    expect(compareSupply({ engine: zero, onChain: chain({ greenWh: 0, claimedWh: 0, sourceWh: [0, 0, 0, 0] }) })).toMatchObject({ state: 'registered' });
  });
});
