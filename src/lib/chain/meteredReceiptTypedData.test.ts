import { recoverTypedDataAddress, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { CLAIM_WINDOW_SEC, meteredReceiptFromReceipt } from './meteredReceiptFromReceipt';
import { meteredReceiptDigest, meteredReceiptTypedData } from './meteredReceiptTypedData';
import { RECEIPT_SCHEMA, receiptHash, type Receipt } from './receipt';
import { toBytes32Id } from './toBytes32Id';

const site = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const driver = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');
const ledger: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const day = Date.UTC(2026, 10, 25);
const receipt: Receipt = {
  schema: RECEIPT_SCHEMA,
  sessionId: 'sess-1',
  siteId: 'site-A',
  stationId: 'evse-1',
  timelineStartMs: day,
  slotMinutes: 15,
  firstSlot: 40,
  lastSlot: 47,
  deliveredWh: 12_346,
  greenWh: 3_751,
  claims: [{ slot: 40, greenWh: 2_251 }, { slot: 41, greenWh: 1_500 }],
  sourcesWh: { solar: 3_000, wind: 751, gas: 8_595 },
  issuedAtMs: 1_764_000_000_000
};
const minute = (slot: number) => BigInt(day / 60_000 + slot * 15);
const deadlineSec = 1_764_000_000 + CLAIM_WINDOW_SEC;

describe('meteredReceiptFromReceipt', () => {
  it('carries the receipt key figures: hashed ids, the window [first slot start, last slot end) in minutes, the beneficiary, the receipt hash and the deadline', () => {
    const m = meteredReceiptFromReceipt({ receipt, beneficiary: driver.address, deadlineSec, supplyWhBySlot: new Map([[40, { sourceWh: [2_300, 0, 0, 0], claimableWh: 2_300 }], [41, { sourceWh: [0, 1_600, 0, 0], claimableWh: 1_600 }]]) });
    expect(m).toEqual({
      siteId: toBytes32Id({ id: 'site-A' }),
      sessionId: toBytes32Id({ id: 'sess-1' }),
      stationId: toBytes32Id({ id: 'evse-1' }),
      beneficiary: driver.address,
      startMinute: minute(40),
      endMinute: minute(48),
      deliveredWh: 12_346n,
      claims: [
        { startMinute: minute(40), lengthMinutes: 15, source: 0, wh: 2_251n },
        { startMinute: minute(41), lengthMinutes: 15, source: 1, wh: 1_500n }
      ],
      receiptHash: receiptHash({ receipt }),
      revision: 0,
      deadline: BigInt(deadlineSec)
    });
    expect(meteredReceiptFromReceipt({ receipt, beneficiary: driver.address, deadlineSec, revision: 3 }).revision).toBe(3);
  });

  it('splits a slot over its registered sources pro rata, rounding each down (never more than registered per source), claims ascending by (start, source)', () => {
    const m = meteredReceiptFromReceipt({ receipt, beneficiary: driver.address, deadlineSec, supplyWhBySlot: new Map([[40, { sourceWh: [1_000, 1_000, 1_000, 0], claimableWh: 3_000 }]]) });
    // 2251 Wh over three equal sources: 750 each, the remaining 1 Wh is not claimed.
    expect(m.claims.filter((c) => c.startMinute === minute(40)).map((c) => [c.source, c.wh])).toEqual([[0, 750n], [1, 750n], [2, 750n]]);
    // Slot 41 has no supply figures: split by the receipt's delivered green Wh (3000 solar : 751 wind), rounded down.
    expect(m.claims.filter((c) => c.startMinute === minute(41)).map((c) => [c.source, c.wh])).toEqual([[0, 1_199n], [1, 300n]]);
    const keys = m.claims.map((c) => c.startMinute * 8n + BigInt(c.source));
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : 1)));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('error: a slot longer than one hour or a bad deadline is refused by name', () => {
    expect(() => meteredReceiptFromReceipt({ receipt: { ...receipt, slotMinutes: 90 }, beneficiary: driver.address, deadlineSec })).toThrow(/\$\.slotMinutes: expected a slot of at most 60 minutes/);
    expect(() => meteredReceiptFromReceipt({ receipt, beneficiary: driver.address, deadlineSec: Number.NaN })).toThrow(/deadlineSec: expected Unix seconds/);
    expect(() => meteredReceiptFromReceipt({ receipt, beneficiary: driver.address, deadlineSec, revision: 2 ** 32 })).toThrow(/revision: expected a whole number in \[0, 2\^32\)/);
    expect(() => meteredReceiptFromReceipt({ receipt, beneficiary: driver.address, deadlineSec, revision: -1 })).toThrow(/revision: expected a whole number/);
  });
});

describe('meteredReceiptTypedData', () => {
  const metered = meteredReceiptFromReceipt({ receipt, beneficiary: driver.address, deadlineSec });
  const typed = meteredReceiptTypedData({ metered, chainId: 1337, verifyingContract: ledger });

  it('uses the v2 domain bound to chain and ledger; site and beneficiary sign the same digest and both recover', async () => {
    expect(typed.domain).toEqual({ name: 'GreenSlot', version: '2', chainId: 1337, verifyingContract: ledger });
    const siteSig = await site.signTypedData(typed);
    const driverSig = await driver.signTypedData(typed);
    expect(await recoverTypedDataAddress({ ...typed, signature: siteSig })).toBe(site.address);
    expect(await recoverTypedDataAddress({ ...typed, signature: driverSig })).toBe(driver.address);
  });

  it('gives another digest for another chain, ledger, beneficiary, revision or any claimed Wh', () => {
    const d = meteredReceiptDigest({ metered, chainId: 1337, verifyingContract: ledger });
    expect(meteredReceiptDigest({ metered, chainId: 31337, verifyingContract: ledger })).not.toBe(d);
    expect(meteredReceiptDigest({ metered, chainId: 1337, verifyingContract: driver.address })).not.toBe(d);
    expect(meteredReceiptDigest({ metered: { ...metered, beneficiary: site.address }, chainId: 1337, verifyingContract: ledger })).not.toBe(d);
    expect(meteredReceiptDigest({ metered: { ...metered, revision: 1 }, chainId: 1337, verifyingContract: ledger })).not.toBe(d);
    const more = { ...metered, claims: metered.claims.map((c, i) => (i === 0 ? { ...c, wh: c.wh + 1n } : c)) };
    expect(meteredReceiptDigest({ metered: more, chainId: 1337, verifyingContract: ledger })).not.toBe(d);
  });
});
