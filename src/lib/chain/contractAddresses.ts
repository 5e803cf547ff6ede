import type { Address } from 'viem';
import { anvil, embeddedChain, energyWebVolta, sepolia } from './chains';

/**
 * GreenClaimLedger address per chain: the one place to edit after a deployment.
 * - embedded: 'embedded' = resolved at start (deployed by the local demo operator, see startEmbeddedChain).
 * - anvil: what contracts/scripts/deploy-local.ts prints for anvil's account #0 at nonce 0.
 * - Volta / Sepolia: not deployed by this project yet (undefined = the UI says "no ledger on this chain").
 */
export const contractAddresses: Record<number, Address | 'embedded' | undefined> = {
  [embeddedChain.id]: 'embedded',
  [anvil.id]: '0x5FbDB2315678afecb367f032d93F642f64180aa3',
  [energyWebVolta.id]: undefined,
  [sepolia.id]: undefined
};
