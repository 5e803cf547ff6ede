import { hashTypedData, recoverTypedDataAddress, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { attestationFromReceipt, attestationTypedData } from './attestationTypedData';
import { describeAttestation } from './describeAttestation';
import { RECEIPT_SCHEMA, receiptHash, type Receipt } from './receipt';
import { toBytes32Id } from './toBytes32Id';

const driver = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');
const ledger: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const receipt: Receipt = {
  schema: RECEIPT_SCHEMA,
  sessionId: 'sess-1',
  siteId: 'site-A',
  stationId: 'evse-1',
  timelineStartMs: Date.UTC(2026, 10, 25),
  slotMinutes: 15,
  firstSlot: 40,
  lastSlot: 47,
  deliveredWh: 12_346,
  greenWh: 3_750,
  claims: [{ slot: 40, greenWh: 2_250 }, { slot: 41, greenWh: 1_500 }],
  sourcesWh: { solar: 3_750 },
  issuedAtMs: 1_764_000_000_000
};

describe('attestationFromReceipt', () => {
  it('carries exactly the receipt key figures, ids hashed, slots as ledger keys (start minute since the epoch) and the receipt hash', () => {
    const minute = (slot: number) => BigInt(Date.UTC(2026, 10, 25) / 60_000 + slot * 15);
    const a = attestationFromReceipt({ receipt, driver: driver.address });
    expect(a).toEqual({
      sessionId: toBytes32Id({ id: 'sess-1' }),
      siteId: toBytes32Id({ id: 'site-A' }),
      stationId: toBytes32Id({ id: 'evse-1' }),
      firstSlot: minute(40),
      lastSlot: minute(47),
      deliveredWh: 12_346n,
      claimSlots: [minute(40), minute(41)],
      claimWh: [2_250n, 1_500n],
      receiptHash: receiptHash({ receipt }),
      driver: driver.address
    });
  });
});

describe('attestationTypedData', () => {
  const attestation = attestationFromReceipt({ receipt, driver: driver.address });

  it('builds the domain from name, version, chain id and ledger address', () => {
    const td = attestationTypedData({ attestation, chainId: 1337, verifyingContract: ledger });
    expect(td.domain).toEqual({ name: 'GreenSlot', version: '1', chainId: 1337, verifyingContract: ledger });
    expect(td.primaryType).toBe('Attestation');
  });

  it('a signature recovers to the driver and is bound to chain and contract', async () => {
    const td = attestationTypedData({ attestation, chainId: 1337, verifyingContract: ledger });
    const signature = await driver.signTypedData(td);
    expect(await recoverTypedDataAddress({ ...td, signature })).toBe(driver.address);
    const otherChain = attestationTypedData({ attestation, chainId: 31337, verifyingContract: ledger });
    const otherLedger = attestationTypedData({ attestation, chainId: 1337, verifyingContract: '0x0000000000000000000000000000000000000001' });
    expect(await recoverTypedDataAddress({ ...otherChain, signature })).not.toBe(driver.address);
    expect(await recoverTypedDataAddress({ ...otherLedger, signature })).not.toBe(driver.address);
    expect(new Set([hashTypedData(td), hashTypedData(otherChain), hashTypedData(otherLedger)]).size).toBe(3);
  });

  it('changes the digest when a claimed Wh changes', () => {
    const td = attestationTypedData({ attestation, chainId: 1337, verifyingContract: ledger });
    const changed = attestationTypedData({ attestation: { ...attestation, claimWh: [2_250n, 1_501n] }, chainId: 1337, verifyingContract: ledger });
    expect(hashTypedData(changed)).not.toBe(hashTypedData(td));
  });
});

describe('describeAttestation', () => {
  it('states the figures, the slots in UTC and the chain in plain words', () => {
    const lines = describeAttestation({ receipt, driver: driver.address, chainName: 'GreenSlot demo', chainId: 1337, verifyingContract: ledger }).join('\n');
    expect(lines).toContain('delivered 12.346 kWh between 2026-11-25 10:00 and 2026-11-25 12:00 UTC');
    expect(lines).toContain('3.75 kWh are claimed as green in 2 slot(s): 2026-11-25 10:00 2.25 kWh; 2026-11-25 10:15 1.5 kWh.');
    expect(lines).toContain('chain 1337');
    expect(lines).toContain(receiptHash({ receipt }));
  });
});
