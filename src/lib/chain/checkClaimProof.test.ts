import { type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { checkClaimProof } from './checkClaimProof';
import { claimProofToJson, parseClaimProof, type ClaimProof } from './claimProofFile';
import { meteredReceiptFromReceipt } from './meteredReceiptFromReceipt';
import { meteredReceiptDigest, meteredReceiptTypedData } from './meteredReceiptTypedData';
import { createReceipt } from './receipt';
import { receiptMerkleTree } from './receiptMerkleTree';

const site = privateKeyToAccount('0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d');
const driver = privateKeyToAccount('0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a');
const ledger: Address = '0x5FbDB2315678afecb367f032d93F642f64180aa3';
const receiptFor = (sessionId: string) =>
  createReceipt({
    sessionId,
    siteId: 'site-A',
    stationId: 'evse-1',
    timeline: { startMs: Date.UTC(2026, 10, 25), slotMinutes: 15 },
    firstSlot: 40,
    lastSlot: 43,
    deliveredKWh: 6,
    greenKWhBySlot: [{ slot: 41, energyKWh: 1.5 }],
    sourcesKWh: { solar: 1.5, gas: 4.5 },
    issuedAtMs: Date.UTC(2026, 10, 25, 11)
  });

async function anchoredProof(n = 5, pick = 2): Promise<ClaimProof> {
  const items = Array.from({ length: n }, (_, i) => {
    const receipt = receiptFor(`s-${i}`);
    const metered = meteredReceiptFromReceipt({ receipt, beneficiary: driver.address, deadlineSec: 1_800_000_000 });
    return { receipt, metered, digest: meteredReceiptDigest({ metered, chainId: 1337, verifyingContract: ledger }) };
  });
  const tree = receiptMerkleTree({ digests: items.map((x) => x.digest) });
  const { receipt, metered, digest } = items[pick];
  const siteSignature = await site.signTypedData(meteredReceiptTypedData({ metered, chainId: 1337, verifyingContract: ledger }));
  return { chainId: 1337, ledger, receipt, metered, siteSignature, anchor: { root: tree.root, proof: tree.proofOf(digest) } };
}

describe('claim-proof file', () => {
  it('round-trips through its JSON text and checks offline: figures match, proof valid, the site signer recovered', async () => {
    const original = await anchoredProof();
    const parsed = parseClaimProof({ json: claimProofToJson(original) });
    expect(parsed).toEqual(original);
    const check = await checkClaimProof({ proof: parsed });
    expect(check.differences).toEqual([]);
    expect(check.proofValid).toBe(true);
    expect(check.siteSigner).toBe(site.address);
  });

  it('error: an edited receipt, an edited signed Wh or a proof of another ledger no longer checks', async () => {
    const p = await anchoredProof();
    const edited = await checkClaimProof({ proof: { ...p, receipt: { ...p.receipt, deliveredWh: p.receipt.deliveredWh + 1 } } });
    expect(edited.differences.map((d) => d.field)).toEqual(['receiptHash', 'deliveredWh']);
    const more = { ...p.metered, claims: p.metered.claims.map((c) => ({ ...c, wh: c.wh + 1n })) };
    const inflated = await checkClaimProof({ proof: { ...p, metered: more } });
    expect(inflated.differences.map((d) => d.field)).toEqual(['claims']);
    expect(inflated.proofValid).toBe(false);
    expect(inflated.siteSigner).not.toBe(site.address);
    expect((await checkClaimProof({ proof: { ...p, chainId: 31337 } })).proofValid).toBe(false);
  });

  it('error: garbage, a wrong field or a broken inner receipt is refused naming the field', async () => {
    expect(() => parseClaimProof({ json: 'not json' })).toThrow(/receipt with proof \$: expected JSON/);
    const good = JSON.parse(claimProofToJson(await anchoredProof()));
    expect(() => parseClaimProof({ json: { ...good, anchor: { ...good.anchor, root: '0x12' } } })).toThrow(/\$\.anchor\.root: expected a 0x-prefixed 32-byte hex value/);
    expect(() => parseClaimProof({ json: { ...good, metered: { ...good.metered, deliveredWh: -1 } } })).toThrow(/\$\.metered\.deliveredWh/);
    expect(() => parseClaimProof({ json: { ...good, receipt: { ...good.receipt, greenWh: 1 } } })).toThrow(/\$\.receipt\.greenWh: expected the sum of claims/);
  });
});
