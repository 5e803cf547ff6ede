import { describe, expect, it } from 'vitest';
import { describeClaim } from './describeClaim';
import { meteredReceiptFromReceipt } from './meteredReceiptFromReceipt';
import { createReceipt } from './receipt';

const receipt = createReceipt({
  sessionId: 'sess-7',
  siteId: 'demo',
  stationId: 'evse-3',
  timeline: { startMs: Date.UTC(2026, 10, 25), slotMinutes: 15 },
  firstSlot: 40,
  lastSlot: 43,
  deliveredKWh: 6,
  greenKWhBySlot: [{ slot: 41, energyKWh: 1.5 }],
  sourcesKWh: { solar: 1, wind: 0.5, gas: 4.5 },
  issuedAtMs: 0
});
const metered = meteredReceiptFromReceipt({ receipt, beneficiary: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8', deadlineSec: Date.UTC(2026, 11, 25) / 1000 });

describe('describeClaim', () => {
  it('says who claims what, per certificate slot and source, who vouches, until when and on which ledger', () => {
    const words = describeClaim({ receipt, metered, vouch: { kind: 'anchor', root: `0x${'ab'.repeat(32)}` }, chainName: 'GreenSlot demo chain', chainId: 1337, verifyingContract: '0x5FbDB2315678afecb367f032d93F642f64180aa3' });
    expect(words).toEqual([
      'You (0x70997970C51812dc3A010C7d01b50e0d17dc79C8) claim the green energy of session sess-7 at site demo, station evse-3:',
      'delivered 6 kWh between 2026-11-25 10:00 and 2026-11-25 11:00 UTC,',
      'of which 1.5 kWh green in 2 certificate bundle(s): 2026-11-25 10:15 solar 1 kWh; 2026-11-25 10:15 wind 0.5 kWh.',
      'Vouched for by the site: in the Merkle root 0xabababab… its metering signer anchored.',
      `Receipt fingerprint (keccak256): ${metered.receiptHash}. Claimable until 2026-12-25 00:00 UTC, real time (the chain's clock, not the demo clock).`,
      'Valid only on GreenSlot demo chain (chain 1337) for the ledger at 0x5FbDB2315678afecb367f032d93F642f64180aa3; the receipt can be claimed once, and only by this wallet.'
    ]);
  });
});
