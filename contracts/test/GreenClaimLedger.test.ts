import { type Address, type Hex } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLedgerFixture, DAY0, greenClaim, SITE, slotAt, type LedgerFixture } from './ledgerFixture';

type ClaimRecord = { status: number; beneficiary: Address; greenWh: bigint; receiptDigest: Hex; bundleIds: readonly bigint[] };

describe('GreenClaimLedger v2', () => {
  let f: LedgerFixture;
  beforeAll(async () => {
    f = await createLedgerFixture();
    await f.write('registrar', 'registerSupply', [SITE, [slotAt(0, 15, [3000, 1000, 0, 0])]]);
  });

  it('test_ClaimsSiteSignedReceiptAndCancelsOneRangePerGreenClaim', async () => {
    const r = await f.receipt({ claims: [greenClaim(0, 15, 0, 2000), greenClaim(0, 15, 1, 500)], from: 0, to: 15 });
    expect(await f.read<Hex>('receiptDigest', [r])).toBe(f.digest(r));
    await f.claim(r);
    const c = await f.read<ClaimRecord>('getClaim', [SITE, r.sessionId]);
    expect(c).toMatchObject({ status: 1, beneficiary: f.accounts.driver.address, greenWh: 2500n, receiptDigest: f.digest(r) });
    const ranges = await f.read<readonly { firstWhId: bigint; wh: bigint; source: number; status: number }[]>('claimRanges', [SITE, r.sessionId]);
    expect(ranges.map((x) => [x.source, x.firstWhId, x.wh, x.status])).toEqual([
      [0, 1n, 2000n, 2],
      [1, 3001n, 500n, 2]
    ]);
    const slot = await f.read<{ claimedWh: readonly bigint[] }>('getSlot', [SITE, DAY0, 15]);
    expect(slot.claimedWh).toEqual([2000n, 500n, 0n, 0n]);
  });
});
