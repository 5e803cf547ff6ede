import 'fake-indexeddb/auto';
import { connect, getConnectorClient, readContract } from '@wagmi/core';
import { describe, expect, it } from 'vitest';
import { embeddedChain, energyWebVolta } from './chains';
import { claimReceipt } from './claimReceipt';
import { ClaimsDb } from './claimStore';
import { contractAddresses } from './contractAddresses';
import { DEMO_SITE_ID, getEmbeddedChain } from './embedded/startEmbeddedChain';
import { meteredReceiptFromJson } from './meteredReceiptJson';
import { SITE_ROLES } from './registerSite';
import { toBytes32Id } from './toBytes32Id';
import { vouchReceipt } from './vouchReceipt';
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

  it('reads the ledger on the embedded chain and claims through the demo-wallet connector', async () => {
    const embedded = await getEmbeddedChain();
    const config = createGreenSlotConfig({ mockAccounts: [embedded.driver, embedded.operator] });
    expect(config.connectors.map((c) => c.type)).toEqual(['embedded', 'injected', 'mock']);
    const site = toBytes32Id({ id: DEMO_SITE_ID });
    const read = { chainId: embeddedChain.id, address: embedded.ledgerAddress, abi: greenClaimLedgerAbi } as const;
    expect(await readContract(config, { ...read, functionName: 'hasSiteRole', args: [site, SITE_ROLES.METERING_SIGNER, embedded.operator] })).toBe(true);
    expect(await readContract(config, { ...read, functionName: 'hasSiteRole', args: [site, SITE_ROLES.METERING_SIGNER, embedded.driver] })).toBe(false);

    const demoWallet = config.connectors.find((c) => c.type === 'embedded')!;
    const { accounts } = await connect(config, { connector: demoWallet, chainId: embeddedChain.id });
    expect(accounts).toEqual([embedded.driver, embedded.operator]);
    const driverClient = await getConnectorClient(config, { chainId: embeddedChain.id, account: embedded.driver });
    const operatorClient = await getConnectorClient(config, { chainId: embeddedChain.id, account: embedded.operator });
    await registerGreenSupply({ client: operatorClient, ledgerAddress: embedded.ledgerAddress, siteId: DEMO_SITE_ID, slots: [{ slot: 3, startMs: 2_700_000, lengthMinutes: 15, greenKWhBySource: { wind: 2 }, evidenceHash: `0x${'22'.repeat(32)}` }] });
    const receipt = createReceipt({
      sessionId: 'wagmi-1',
      siteId: DEMO_SITE_ID,
      stationId: 'e',
      timeline: { startMs: 0, slotMinutes: 15 },
      firstSlot: 2,
      lastSlot: 5,
      deliveredKWh: 3,
      greenKWhBySlot: [{ slot: 3, energyKWh: 2 }],
      sourcesKWh: { wind: 2, gas: 1 },
      issuedAtMs: 1
    });
    const db = new ClaimsDb('wagmi-claims');
    const row = await vouchReceipt({ db, chainId: embeddedChain.id, ledgerAddress: embedded.ledgerAddress, receipt, reader: operatorClient, beneficiary: embedded.driver, siteSigner: { client: operatorClient } });
    const outcome = await claimReceipt({ client: driverClient, ledgerAddress: embedded.ledgerAddress, metered: meteredReceiptFromJson(row.metered), siteSignature: row.siteSignature });
    expect(outcome, JSON.stringify(outcome, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toMatchObject({ state: 'confirmed' });
  });
});
