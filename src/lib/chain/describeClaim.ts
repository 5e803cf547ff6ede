import type { Address, Hex } from 'viem';
import { ledgerSourceWord } from './ledgerSupplyWh';
import { ledgerSlotLabel } from './ledgerSlot';
import type { MeteredReceipt } from './meteredReceiptTypedData';
import type { Receipt } from './receipt';

/** Parameters of {@link describeClaim}. */
export type DescribeClaimParameters = {
  receipt: Receipt;
  metered: MeteredReceipt;
  /** How the site vouches: its metering signature, an anchored root, or not yet. */
  vouch: { kind: 'signature' } | { kind: 'anchor'; root: Hex } | { kind: 'pending' };
  chainName: string;
  chainId: number;
  verifyingContract: Address;
};

const kWh = (wh: number | bigint) => `${(Number(wh) / 1000).toLocaleString('en', { maximumFractionDigits: 3 })} kWh`;

/** What the beneficiary signs (the metered receipt's EIP-712 data), in plain words, shown before the wallet prompt. */
export function describeClaim({ receipt, metered, vouch, chainName, chainId, verifyingContract }: DescribeClaimParameters): string[] {
  const green = metered.claims.reduce((s, c) => s + c.wh, 0n);
  return [
    `You (${metered.beneficiary}) claim the green energy of session ${receipt.sessionId} at site ${receipt.siteId}, station ${receipt.stationId}:`,
    `delivered ${kWh(metered.deliveredWh)} between ${ledgerSlotLabel({ slot: metered.startMinute }).replace(' UTC', '')} and ${ledgerSlotLabel({ slot: metered.endMinute })},`,
    `of which ${kWh(green)} green in ${metered.claims.length} certificate bundle(s): ` +
      metered.claims.map((c) => `${ledgerSlotLabel({ slot: c.startMinute }).replace(' UTC', '')} ${ledgerSourceWord(c.source)} ${kWh(c.wh)}`).join('; ') +
      '.',
    vouch.kind === 'signature'
      ? 'Vouched for by the site: signed by its metering signer.'
      : vouch.kind === 'anchor'
        ? `Vouched for by the site: in the Merkle root ${vouch.root.slice(0, 10)}… its metering signer anchored.`
        : 'The site has not vouched for this receipt yet (its metering signer signs it, or anchors it with the day’s receipts).',
    // The ledger checks the deadline against its block time: real time, not the demo clock the charging times run on.
    `Receipt fingerprint (keccak256): ${metered.receiptHash}. Claimable until ${new Date(Number(metered.deadline) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC, real time (the chain's clock, not the demo clock).`,
    `Valid only on ${chainName} (chain ${chainId}) for the ledger at ${verifyingContract}; the receipt can be claimed once, and only by this wallet.`
  ];
}
