import { BaseError as ViemBaseError, ContractFunctionRevertedError, decodeErrorResult, keccak256, stringToBytes, UserRejectedRequestError, zeroAddress, zeroHash, type Hex } from 'viem';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';
import { ledgerSlotLabel } from './ledgerSlot';
import { ledgerSourceWord } from './ledgerSupplyWh';

/** A chain failure in plain words: the UI shows `message`; `errorName` and `args` are for logs and tests. */
export type DecodedChainError = {
  kind: 'rejected' | 'reverted' | 'unknown';
  message: string;
  errorName?: string;
  args?: readonly unknown[];
};

const kWh = (wh: unknown) => `${(Number(wh) / 1000).toLocaleString('en', { maximumFractionDigits: 3 })} kWh`;
const short = (h: unknown) => `${String(h).slice(0, 10)}…`;
const at = (minute: unknown) => ledgerSlotLabel({ slot: minute as bigint });
const slot = (start: unknown, length: unknown) => `${at(start)} (${length} min)`;
const source = (i: unknown) => ledgerSourceWord(Number(i));
const ROLE_NAMES: Record<string, string> = Object.fromEntries(
  [['SITE_ADMIN', 'site admin'], ['SUPPLY_REGISTRAR', 'supply registrar'], ['METERING_SIGNER', 'metering signer']].map(([r, name]) => [keccak256(stringToBytes(r)), name])
);
const role = (r: unknown) => (r === zeroHash ? 'registry admin' : (ROLE_NAMES[String(r).toLowerCase()] ?? `role ${short(r)}`));
const time = (sec: unknown) => `${new Date(Number(sec) * 1000).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

// One place maps every custom error of the ledger (and the OpenZeppelin errors in its ABI) to a
// sentence a driver or operator understands; decodeChainError.test.ts walks the ABI so none is missed.
const messages: Record<string, (args: readonly unknown[]) => string> = {
  ZeroAddress: ([field]) => `${field} must be an address, not the zero address.`,
  ZeroValue: ([field]) => `${field} must not be zero or empty.`,
  UnknownSite: ([site]) => `Site ${short(site)} is not registered on this ledger (the registry admin registers sites).`,
  SiteAlreadyRegistered: ([site]) => `Site ${short(site)} is registered already.`,
  SiteUnauthorizedAccount: ([site, account, r]) => `${account} is not a ${role(r)} of site ${short(site)}: it cannot do this there.`,
  InvalidSiteRole: ([r]) => `Only supply registrars and metering signers can be granted or revoked this way, not ${role(r)}.`,
  SiteAdminTransferNotPending: ([site, account]) => `${account} has no pending site-admin transfer of site ${short(site)} to accept.`,
  InvalidSlotLength: ([start, length]) => `The slot at ${at(start)} is ${length} minutes long: a slot must be 1 to 60 minutes (a certificate's production interval).`,
  SlotOverlaps: ([site, start, length]) => `The slot ${slot(start, length)} overlaps supply already registered for site ${short(site)}: amend that slot instead.`,
  SlotNotRegistered: ([site, start, length]) => `No green supply is registered for the slot ${slot(start, length)} of site ${short(site)}.`,
  AmendmentBelowClaimed: ([, start, length, src, newWh, claimed]) =>
    `Slot ${slot(start, length)}: ${source(src)} cannot be amended to ${kWh(newWh)}, ${kWh(claimed)} of it is claimed already.`,
  WhOverflow: ([value]) => `The energy figures are too large (${value} Wh overflows the ledger's counters).`,
  ReceiptExpired: ([deadline]) => `This receipt could be claimed until ${time(deadline)}; it has expired. Ask the operator for a new site-signed receipt.`,
  InvalidWindow: ([start, end]) => `The charging window is empty (from ${at(start)} to ${at(end)}).`,
  InvalidSource: ([src]) => `Energy source ${src} is unknown (0 solar, 1 wind, 2 hydro, 3 biomass).`,
  EmptyGreenClaim: ([i]) => `Green claim #${Number(i) + 1} claims 0 Wh.`,
  InvalidClaimOrder: ([i]) => `Green claim #${Number(i) + 1} is out of order (claims must ascend by slot and source).`,
  ClaimOutsideWindow: ([i, start, length]) => `Green claim #${Number(i) + 1} (slot ${slot(start, length)}) is outside the session's charging window.`,
  ClaimExceedsDelivered: ([green, delivered]) => `The green claim (${kWh(green)}) is more than the energy delivered (${kWh(delivered)}).`,
  InsufficientGreenSupply: ([, start, length, src, requested, available]) =>
    `Slot ${slot(start, length)}: ${kWh(requested)} of ${source(src)} energy claimed, but only ${kWh(available)} of registered green supply is left. That green energy was already claimed (or never registered).`,
  InvalidSiteSignature: ([site, recovered]) =>
    `The site signature is not from a metering signer of site ${short(site)}${recovered === zeroAddress ? ' (it is malformed)' : ` (it was signed by ${recovered})`}.`,
  InvalidBeneficiarySignature: ([beneficiary]) =>
    `This receipt names ${beneficiary} as the beneficiary: only that wallet can claim its green energy, and the signing wallet is another one.`,
  ClaimAlreadyLive: ([, session]) => `Session ${short(session)} is claimed already; a session has one live claim.`,
  ReceiptAlreadyUsed: ([digest]) => `This receipt (${short(digest)}) was claimed before; after a revocation only a new site-signed receipt can be claimed.`,
  StaleReceiptRevision: ([, session, revision, expected]) =>
    Number(revision) < Number(expected)
      ? `The claim of session ${short(session)} was revoked after this receipt was signed (receipt revision ${revision}, now ${expected}): only a receipt the site signs again can be claimed.`
      : `This receipt is for revision ${revision} of session ${short(session)}, but the ledger is at revision ${expected}: ask the operator for a new site-signed receipt.`,
  ClaimNotLive: ([, session]) => `Session ${short(session)} has no live claim.`,
  RootAlreadyAnchored: ([root]) => `The Merkle root ${short(root)} is anchored already.`,
  RootNotAnchored: ([root]) => `The Merkle root ${short(root)} was never anchored for this site on this ledger.`,
  AnchorRevoked: ([root]) => `The site revoked the anchored root ${short(root)}: proofs against it are refused.`,
  InvalidMerkleProof: ([root]) => `The Merkle proof does not lead from this receipt to the anchored root ${short(root)} (the receipt or the proof was changed).`,
  AccessControlUnauthorizedAccount: ([account, r]) => `${account} is not the ${role(r)} of this ledger.`,
  AccessControlBadConfirmation: () => 'Roles can only be renounced by their holder, for themselves.',
  AccessControlEnforcedDefaultAdminRules: () => 'The registry admin role moves only by the two-step transfer (begin, then accept).',
  AccessControlEnforcedDefaultAdminDelay: ([schedule]) => `The registry admin transfer can be accepted only after ${time(schedule)}.`,
  AccessControlInvalidDefaultAdmin: ([account]) => `${account} cannot become the registry admin (zero address or not the pending admin).`,
  SafeCastOverflowedUintDowncast: ([bits, value]) => `${value} does not fit in ${bits} bits.`,
  ECDSAInvalidSignature: () => 'The signature is malformed.',
  ECDSAInvalidSignatureLength: ([length]) => `The signature is malformed (${length} bytes instead of 65).`,
  ECDSAInvalidSignatureS: () => 'The signature is malformed (non-canonical).',
  InvalidShortString: () => 'The ledger has a malformed EIP-712 domain string.',
  StringTooLong: () => 'The ledger was given an EIP-712 domain string that is too long.',
  MerkleProofInvalidMultiproof: () => 'The Merkle multiproof is malformed.'
};

/** Parameters of {@link decodeChainError}. */
export type DecodeChainErrorParameters = { error: unknown };

const isHexData = (v: unknown): v is Hex => typeof v === 'string' && /^0x[0-9a-fA-F]{8,}$/.test(v);

/** Maps a viem/wallet/RPC error (or raw revert data) to a plain message, decoding the ledger's custom errors. */
export function decodeChainError({ error }: DecodeChainErrorParameters): DecodedChainError {
  const chain: unknown[] = [];
  for (let e: unknown = error; e && chain.length < 20; e = (e as { cause?: unknown }).cause) chain.push(e);

  if (chain.some((e) => e instanceof UserRejectedRequestError || (e as { code?: unknown }).code === 4001)) {
    return { kind: 'rejected', message: 'You rejected the request in your wallet.' };
  }
  let errorName: string | undefined;
  let args: readonly unknown[] = [];
  const reverted = chain.find((e): e is ContractFunctionRevertedError => e instanceof ContractFunctionRevertedError);
  if (reverted?.data) {
    errorName = reverted.data.errorName;
    args = reverted.data.args ?? [];
  } else {
    const raw = isHexData(error) ? error : chain.map((e) => (e as { data?: unknown }).data).find(isHexData);
    if (raw) {
      try {
        const decoded = decodeErrorResult({ abi: greenClaimLedgerAbi, data: raw });
        errorName = decoded.errorName;
        args = decoded.args ?? [];
      } catch {
        return { kind: 'reverted', message: `The transaction was reverted (unknown error ${raw.slice(0, 10)}).` };
      }
    }
  }
  if (errorName) {
    const message = messages[errorName]?.(args) ?? (reverted?.reason ? `Reverted: ${reverted.reason}` : `The ledger refused: ${errorName}.`);
    return { kind: 'reverted', message, errorName, args };
  }
  if (reverted) return { kind: 'reverted', message: reverted.reason ? `Reverted: ${reverted.reason}` : 'The transaction was reverted.' };
  const first = chain[0];
  const text = first instanceof ViemBaseError ? first.shortMessage : first instanceof Error ? first.message : String(first);
  return { kind: 'unknown', message: text };
}
