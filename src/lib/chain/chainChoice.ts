import type { Address } from 'viem';
import { anvil, embeddedChain, energyWebVolta, sepolia } from './chains';
import { contractAddresses } from './contractAddresses';
import type { LedgerTarget } from './ledgerConnection';

/** Where the whole app claims: the in-browser demo chain (no wallet) or a browser wallet on a real chain. */
export type ChainChoice = { kind: 'embedded' } | { kind: 'anvil'; rpcUrl: string } | { kind: 'volta' } | { kind: 'sepolia' };

/** Kind of a {@link ChainChoice}. */
export type ChainChoiceKind = ChainChoice['kind'];

/** anvil's default RPC URL (what `anvil` and contracts/scripts/deploy-local.ts use). */
export const DEFAULT_ANVIL_RPC_URL = 'http://127.0.0.1:8545';

/** Shown when no injected (EIP-1193) wallet is in the page. */
export const NO_WALLET_MESSAGE = 'No browser wallet found: install MetaMask (or another browser wallet) or use the demo chain in this browser.';

/** The default: the demo chain in this browser, which needs no wallet and no network. */
export const DEFAULT_CHAIN_CHOICE: ChainChoice = { kind: 'embedded' };

/** One entry of the chain & wallet menu. */
export type ChainOption = {
  kind: ChainChoiceKind;
  label: string;
  chainId: number;
  chainName: string;
  /** Signing needs a browser wallet (injected, EIP-1193). */
  needsWallet: boolean;
  /** A GreenClaimLedger is configured for this chain in contractAddresses.ts. */
  deployed: boolean;
};

const CHAINS: Record<ChainChoiceKind, { chainId: number; chainName: string; label: string }> = {
  embedded: { chainId: embeddedChain.id, chainName: embeddedChain.name, label: 'Demo chain in this browser (no wallet)' },
  anvil: { chainId: anvil.id, chainName: 'Local node (anvil)', label: 'Browser wallet on a local node (anvil, chain 31337)' },
  volta: { chainId: energyWebVolta.id, chainName: energyWebVolta.name, label: 'Browser wallet on Energy Web Volta (chain 73799)' },
  sepolia: { chainId: sepolia.id, chainName: sepolia.name, label: 'Browser wallet on Sepolia (chain 11155111)' }
};

/** Parameters of {@link chainOptions}. */
export type ChainOptionsParameters = { addresses?: Record<number, Address | 'embedded' | undefined> };

/** The menu, in order; a chain without a configured ledger address is marked not deployed. */
export function chainOptions({ addresses = contractAddresses }: ChainOptionsParameters = {}): ChainOption[] {
  return (Object.keys(CHAINS) as ChainChoiceKind[]).map((kind) => ({
    kind,
    ...CHAINS[kind],
    label: addresses[CHAINS[kind].chainId] === undefined ? `${CHAINS[kind].label}: no ledger deployed` : CHAINS[kind].label,
    needsWallet: kind !== 'embedded',
    deployed: addresses[CHAINS[kind].chainId] !== undefined
  }));
}

/** Chain id of a choice. */
export function chainIdOfChoice({ choice }: { choice: ChainChoice }): number {
  return CHAINS[choice.kind].chainId;
}

const isHttpUrl = (v: unknown): v is string => {
  if (typeof v !== 'string') return false;
  try {
    const url = new URL(v);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

/** Parameters of {@link rpcUrlIssue}. */
export type RpcUrlIssueParameters = { rpcUrl: string };

/**
 * What is wrong with a typed RPC URL, in words, or undefined when it is a usable http(s) URL. An empty
 * URL must not be taken: viem would silently fall back to the chain's default node.
 */
export function rpcUrlIssue({ rpcUrl }: RpcUrlIssueParameters): string | undefined {
  const v = rpcUrl.trim();
  if (isHttpUrl(v)) return undefined;
  return `RPC URL: expected an http(s) URL such as ${DEFAULT_ANVIL_RPC_URL}, got ${v === '' ? 'nothing' : `"${v}"`}`;
}

/** Parameters of {@link parseChainChoice}. */
export type ParseChainChoiceParameters = { raw: string | null | undefined };

/**
 * Reads a stored choice. Anything unreadable (old format, hand-edited storage, unknown chain) falls back
 * to the demo chain: a preference must never keep the app from starting. An anvil choice without a
 * valid http(s) RPC URL gets the default URL.
 */
export function parseChainChoice({ raw }: ParseChainChoiceParameters): ChainChoice {
  if (!raw) return DEFAULT_CHAIN_CHOICE;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return DEFAULT_CHAIN_CHOICE;
  }
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind === 'anvil') {
    const rpcUrl = (value as { rpcUrl?: unknown }).rpcUrl;
    return { kind, rpcUrl: isHttpUrl(rpcUrl) ? rpcUrl : DEFAULT_ANVIL_RPC_URL };
  }
  if (kind === 'embedded' || kind === 'volta' || kind === 'sepolia') return { kind };
  return DEFAULT_CHAIN_CHOICE;
}

/** The stored form of a choice (the inverse of {@link parseChainChoice}). */
export function serializeChainChoice({ choice }: { choice: ChainChoice }): string {
  return JSON.stringify(choice.kind === 'anvil' ? { kind: choice.kind, rpcUrl: choice.rpcUrl } : { kind: choice.kind });
}

/** A string that changes whenever the chain to talk to changes (pages reconnect on it). */
export function chainChoiceKey({ choice }: { choice: ChainChoice }): string {
  return choice.kind === 'anvil' ? `anvil:${choice.rpcUrl}` : choice.kind;
}

/** Parameters of {@link ledgerTargetForChoice}. */
export type LedgerTargetForChoiceParameters = { choice: ChainChoice; addresses?: Record<number, Address | 'embedded' | undefined> };

/**
 * What connectLedger() should open for a choice, or undefined when no ledger is deployed on that chain
 * (the UI says so instead of failing on the first read).
 */
export function ledgerTargetForChoice({ choice, addresses = contractAddresses }: LedgerTargetForChoiceParameters): LedgerTarget | undefined {
  if (choice.kind === 'embedded') return { kind: 'embedded' };
  const chainId = chainIdOfChoice({ choice });
  if (addresses[chainId] === undefined) return undefined;
  return { kind: 'injected', chainId, ...(choice.kind === 'anvil' ? { rpcUrl: choice.rpcUrl } : {}) };
}
