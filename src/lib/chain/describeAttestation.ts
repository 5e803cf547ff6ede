import type { Address } from 'viem';
import type { Receipt } from './receipt';
import { receiptHash } from './receipt';

/** Parameters of {@link describeAttestation}. */
export type DescribeAttestationParameters = { receipt: Receipt; driver: Address; chainName: string; chainId: number; verifyingContract: Address };

const kWh = (wh: number) => `${(wh / 1000).toLocaleString('en', { maximumFractionDigits: 3 })} kWh`;

/** What the driver is about to sign, in plain words (shown before the wallet prompt). */
export function describeAttestation({ receipt, driver, chainName, chainId, verifyingContract }: DescribeAttestationParameters): string[] {
  const slotText = (slot: number) => new Date(receipt.timelineStartMs + slot * receipt.slotMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
  return [
    `You (${driver}) confirm that session ${receipt.sessionId} at site ${receipt.siteId}, station ${receipt.stationId},`,
    `delivered ${kWh(receipt.deliveredWh)} between ${slotText(receipt.firstSlot)} and ${slotText(receipt.lastSlot + 1)} UTC,`,
    `of which ${kWh(receipt.greenWh)} are claimed as green in ${receipt.claims.length} slot(s): ` +
      receipt.claims.map((c) => `${slotText(c.slot)} ${kWh(c.greenWh)}`).join('; ') + '.',
    `Receipt fingerprint (keccak256): ${receiptHash({ receipt })}.`,
    `Valid only on ${chainName} (chain ${chainId}) for the ledger at ${verifyingContract}; the session id can be attested once.`
  ];
}
