import Dexie, { type EntityTable } from 'dexie';
import type { Address, Hex } from 'viem';
import type { MeteredReceiptJson } from './meteredReceiptJson';

/** A receipt as metered for one ledger: the signed figures, the site's signature and/or its anchor proof. */
export type ClaimRecordRow = {
  /** `${chainId}:${ledger address, lower case}`: the EIP-712 domain the signatures are bound to. */
  ledgerKey: string;
  sessionId: string;
  siteId: string;
  receiptHash: Hex;
  metered: MeteredReceiptJson;
  digest: Hex;
  siteSignature?: Hex;
  anchor?: { root: Hex; proof: Hex[] };
  /** End of the charging window, minutes since the epoch (anchoring groups receipts by UTC day). */
  endMinute: number;
  createdMs: number;
};

/** An anchored Merkle root as this device saw it confirmed (what /verify checks proofs against offline). */
export type AnchorRow = {
  root: Hex;
  ledgerKey: string;
  siteId: string;
  periodStartMinute: number;
  periodLengthMinutes: number;
  receiptCount: number;
  blockNumber: number;
  signer: Address;
  /** The leaves (receipt digests), so any proof can be computed again. */
  digests: Hex[];
};

/**
 * GreenSlot's claim records, in their own small IndexedDB database `greenslot-claims` (beside the embedded
 * chain's `greenslot-chain`; not the app data DB): chain-side artefacts keyed by ledger, so they survive a
 * demo reset and a demo-chain wipe simply leaves rows of a ledger that no longer exists.
 */
export class ClaimsDb extends Dexie {
  claims!: Dexie.Table<ClaimRecordRow, [string, string]>;
  anchors!: EntityTable<AnchorRow, 'root'>;

  constructor(name = 'greenslot-claims', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({ claims: '[ledgerKey+sessionId], ledgerKey, [ledgerKey+siteId]', anchors: 'root, ledgerKey' });
  }
}

/** The ledger key of a chain + ledger address. */
export const ledgerKeyOf = ({ chainId, ledger }: { chainId: number; ledger: Address }) => `${chainId}:${ledger.toLowerCase()}`;

let db: ClaimsDb | undefined;

/** The page's claims database (opened lazily); tests pass their own. */
export function getClaimsDb(): ClaimsDb {
  if (!db) {
    db = new ClaimsDb();
    // Another tab upgraded the schema: let go; the next use reopens.
    db.on('versionchange', () => {
      db?.close();
      db = undefined;
      return false;
    });
  }
  return db;
}
