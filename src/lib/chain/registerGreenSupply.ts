import type { Account, Address, Hex } from 'viem';
import type { SourceKWh } from '../core/energy/sources';
import { sendLedgerTransaction, type LedgerClient, type TxOutcome, type TxStatus } from './sendLedgerTransaction';
import { toBytes32Id } from './toBytes32Id';
import { ledgerSupplyWh } from './ledgerSupplyWh';
import { ledgerSlot } from './ledgerSlot';

/** Green supply of one finished slot, from the engine's results (kWh, by core source). */
export type GreenSupplySlot = {
  /** The app's slot number (day-relative, for display). */
  slot: number;
  /** Slot start, epoch ms: the ledger keys supply by (site, start minute, length) (ledgerSlot.ts). */
  startMs: number;
  /** Slot length, minutes (1..60: a granular certificate's production interval). */
  lengthMinutes: number;
  /** Green kWh per source (only solar, wind, hydro and biomass count as green). */
  greenKWhBySource: SourceKWh;
  /** Hash of the evidence (meter export or certificate), 0x-bytes32. */
  evidenceHash: Hex;
};

/** Parameters of {@link supplyDeviceId}. */
export type SupplyDeviceIdParameters = { siteId: string };

/**
 * The GC "production device" of a site's green EV supply: one device per site (its PV and its green
 * grid share are booked together by the engine), keccak256 of "<siteId>/green-supply".
 */
export function supplyDeviceId({ siteId }: SupplyDeviceIdParameters): Hex {
  return toBytes32Id({ id: `${siteId}/green-supply` });
}

/** The ledger's SupplySlot struct of a slot (Wh per source rounded up, see ledgerSupplyWh). */
export function supplySlotStruct({ siteId, slot }: { siteId: string; slot: GreenSupplySlot }) {
  const { sourceWh } = ledgerSupplyWh({ greenKWhBySource: slot.greenKWhBySource });
  return {
    startMinute: BigInt(ledgerSlot({ startMs: slot.startMs })),
    lengthMinutes: slot.lengthMinutes,
    deviceId: supplyDeviceId({ siteId }),
    evidenceHash: slot.evidenceHash,
    sourceWh: sourceWh.map(BigInt) as [bigint, bigint, bigint, bigint]
  };
}

/** Parameters of {@link registerGreenSupply}. */
export type RegisterGreenSupplyParameters = {
  client: LedgerClient;
  account?: Account | Address;
  ledgerAddress: Address;
  siteId: string;
  slots: GreenSupplySlot[];
  onStatus?: (status: TxStatus) => void;
};

/**
 * Supply registrar: registers the green Wh of finished slots in one transaction; the ledger issues one
 * granular-certificate bundle (a Wh id range) per slot and non-zero source.
 */
export async function registerGreenSupply({ client, account, ledgerAddress, siteId, slots, onStatus }: RegisterGreenSupplyParameters): Promise<TxOutcome> {
  return sendLedgerTransaction({
    client,
    account,
    ledgerAddress,
    functionName: 'registerSupply',
    args: [toBytes32Id({ id: siteId }), slots.map((slot) => supplySlotStruct({ siteId, slot }))],
    onStatus
  });
}

/** Parameters of {@link amendGreenSupply}. */
export type AmendGreenSupplyParameters = Omit<RegisterGreenSupplyParameters, 'slots'> & { slot: GreenSupplySlot };

/** Supply registrar: amends one registered slot to the engine's figures (a new version; never below what is claimed). */
export async function amendGreenSupply({ client, account, ledgerAddress, siteId, slot, onStatus }: AmendGreenSupplyParameters): Promise<TxOutcome> {
  const s = supplySlotStruct({ siteId, slot });
  return sendLedgerTransaction({
    client,
    account,
    ledgerAddress,
    functionName: 'amendSupply',
    args: [toBytes32Id({ id: siteId }), s.startMinute, s.lengthMinutes, s.sourceWh, s.evidenceHash],
    onStatus
  });
}
