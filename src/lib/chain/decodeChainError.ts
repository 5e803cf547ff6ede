import { BaseError as ViemBaseError, ContractFunctionRevertedError, decodeErrorResult, UserRejectedRequestError, type Hex } from 'viem';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';
import { ledgerSlotLabel } from './ledgerSlot';

/** A chain failure in plain words: the UI shows `message`; `errorName` and `args` are for logs and tests. */
export type DecodedChainError = {
  kind: 'rejected' | 'reverted' | 'unknown';
  message: string;
  errorName?: string;
  args?: readonly unknown[];
};

const kWh = (wh: unknown) => `${(Number(wh) / 1000).toLocaleString('en', { maximumFractionDigits: 3 })} kWh`;
const short = (h: unknown) => `${String(h).slice(0, 10)}…`;
const at = (slot: unknown) => ledgerSlotLabel({ slot: slot as bigint });

// One place maps every custom error of the ledger to a sentence a driver or operator understands.
const messages: Record<string, (args: readonly unknown[]) => string> = {
  SupplyAlreadyRegistered: ([site, slot]) => `Green supply for the slot at ${at(slot)} of site ${short(site)} is already registered.`,
  SourceBreakdownMismatch: ([, slot, green, sum]) => `Slot ${at(slot)}: the sources add up to ${kWh(sum)}, not the ${kWh(green)} of green supply.`,
  SessionAlreadyAttested: ([id]) => `Session ${short(id)} is already attested; a session can be attested only once.`,
  InvalidSlotRange: ([first, last]) => `The slot range is reversed (first ${at(first)}, last ${at(last)}).`,
  ClaimLengthMismatch: ([a, b]) => `The claim lists differ in length (${a} slots, ${b} amounts).`,
  InvalidClaimSlot: ([, slot]) => `Slot ${at(slot)} is outside the session or listed out of order.`,
  ClaimExceedsDelivered: ([, claimed, delivered]) => `The green claim (${kWh(claimed)}) is more than the energy delivered (${kWh(delivered)}).`,
  InsufficientGreenSupply: ([, slot, requested, available]) =>
    `Slot ${at(slot)}: ${kWh(requested)} of green energy claimed, but only ${kWh(available)} of registered green supply is left. That green energy was already claimed (or never registered).`,
  InvalidDriverSignature: () => 'The signature does not belong to the driver in the attestation (wrong wallet, chain or ledger).',
  UnauthorizedSubmitter: ([sender]) => `${sender} may not submit this attestation: only the driver or an operator can.`,
  SessionNotAttested: ([id]) => `Session ${short(id)} has no attestation.`,
  AttestationAlreadyRevoked: ([id]) => `The attestation of session ${short(id)} was already revoked.`,
  AccessControlUnauthorizedAccount: ([account]) => `${account} is not an operator of this ledger.`,
  ECDSAInvalidSignature: () => 'The signature is malformed.',
  ECDSAInvalidSignatureLength: () => 'The signature is malformed (wrong length).',
  ECDSAInvalidSignatureS: () => 'The signature is malformed (non-canonical).'
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
