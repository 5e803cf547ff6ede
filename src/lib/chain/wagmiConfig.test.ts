import 'fake-indexeddb/auto';
import { connect, getConnectorClient, readContract } from '@wagmi/core';
import { zeroHash } from 'viem';
import { describe, expect, it } from 'vitest';
import { attestSession } from './attestSession';
import { embeddedChain, energyWebVolta } from './chains';
import { contractAddresses } from './contractAddresses';
import { getEmbeddedChain } from './embedded/startEmbeddedChain';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';
import { createReceipt } from './receipt';
import { registerGreenSupply } from './registerGreenSupply';
import { createGreenSlotConfig } from './wagmiConfig';

describe('createGreenSlotConfig', () => {
  it('offers the embedded chain first, then anvil, Energy Web Volta and Sepolia', () => {
    const config = createGreenSlotConfig();
    expect(config.chains.map((c) => c.id)).toEqual([1337, 31337, 73799, 11155111]);
    expect(energyWebVolta.id).toBe(73799);
    expect(config.connectors.map((c) => c.type)).toEqual(['embedded', 'injected']);
    expect(Object.keys(contractAddresses).map(Number).sort((a, b) => a - b)).toEqual([1337, 31337, 73799, 11155111]);
  });

  it('reads the ledger on the embedded chain and attests through the demo-wallet connector', async () => {
    const embedded = await getEmbeddedChain();
    const config = createGreenSlotConfig({ mockAccounts: [embedded.driver, embedded.operator] });
    expect(config.connectors.map((c) => c.type)).toEqual(['embedded', 'injected', 'mock']);
    const role = await readContract(config, { chainId: embeddedChain.id, address: embedded.ledgerAddress, abi: greenClaimLedgerAbi, functionName: 'OPERATOR_ROLE' });
    expect(await readContract(config, { chainId: embeddedChain.id, address: embedded.ledgerAddress, abi: greenClaimLedgerAbi, functionName: 'hasRole', args: [role, embedded.operator] })).toBe(true);

    const demoWallet = config.connectors.find((c) => c.type === 'embedded')!;
    const { accounts } = await connect(config, { connector: demoWallet, chainId: embeddedChain.id });
    expect(accounts).toEqual([embedded.driver, embedded.operator]);
    const driverClient = await getConnectorClient(config, { chainId: embeddedChain.id, account: embedded.driver });
    const operatorClient = await getConnectorClient(config, { chainId: embeddedChain.id, account: embedded.operator });
    await registerGreenSupply({ client: operatorClient, ledgerAddress: embedded.ledgerAddress, siteId: 's', slots: [{ slot: 3, startMs: 2_700_000, greenKWhBySource: { wind: 2 }, evidenceHash: zeroHash }] });
    const receipt = createReceipt({
      sessionId: 'wagmi-1',
      siteId: 's',
      stationId: 'e',
      timeline: { startMs: 0, slotMinutes: 15 },
      firstSlot: 2,
      lastSlot: 5,
      deliveredKWh: 3,
      greenKWhBySlot: [{ slot: 3, energyKWh: 2 }],
      issuedAtMs: 1
    });
    const outcome = await attestSession({ client: driverClient, submitter: { client: operatorClient }, ledgerAddress: embedded.ledgerAddress, receipt });
    expect(outcome, JSON.stringify(outcome, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toMatchObject({ state: 'confirmed' });
  });
});
