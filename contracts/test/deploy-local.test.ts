import { createPublicClient, custom, getAddress, keccak256, stringToBytes } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it } from 'vitest';
import { memoryJournal } from '../../src/lib/chain/embedded/chainJournal';
import { EmbeddedEvm } from '../../src/lib/chain/embedded/embeddedEvm';
import { createEmbeddedProvider } from '../../src/lib/chain/embedded/embeddedProvider';
import { greenClaimLedgerAbi } from '../../src/lib/chain/generated/greenClaimLedgerAbi';
import { deployLocal } from '../scripts/deploy-local';

const ANVIL_0 = privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80');
const OWN = privateKeyToAccount('0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6');

async function chain(chainId: number) {
  const evm = await EmbeddedEvm.create({ chainId, fundedAccounts: [ANVIL_0.address, OWN.address] });
  return { evm, transport: custom(createEmbeddedProvider({ evm, accounts: [], journal: memoryJournal() })) };
}

describe('deploy-local', () => {
  it('test_DeploysOnALocalChainWithAnvilKey0AndRegistersTheDemoSite', async () => {
    const { transport } = await chain(31337);
    const operator = getAddress('0x00000000000000000000000000000000000000aa');
    const r = await deployLocal({ transport, operator });
    expect(r).toMatchObject({ chainId: 31337, admin: ANVIL_0.address, adminDelaySec: 0, site: 'demo', siteId: keccak256(stringToBytes('demo')) });
    const client = createPublicClient({ transport });
    const read = (functionName: string, args: readonly unknown[]) => client.readContract({ address: r.address, abi: greenClaimLedgerAbi, functionName, args } as never);
    expect(await read('defaultAdmin', [])).toBe(ANVIL_0.address);
    expect(await read('siteOf', [r.siteId])).toMatchObject({ admin: ANVIL_0.address, registered: true });
    expect(await read('hasSiteRole', [r.siteId, keccak256(stringToBytes('METERING_SIGNER')), operator])).toBe(true);
    expect(await read('hasSiteRole', [r.siteId, keccak256(stringToBytes('SUPPLY_REGISTRAR')), operator])).toBe(true);
  });

  it('test_RevertWhen_NonLocalChainWithoutExplicitKey', async () => {
    const { evm, transport } = await chain(11155111);
    await expect(deployLocal({ transport })).rejects.toThrow(/chain id 11155111 is not a local dev chain .*--key/);
    expect(evm.blockNumber).toBe(0n);
  });

  it('test_DeploysOnANonLocalChainWithAnExplicitKeyAndAOneDayAdminDelay', async () => {
    const { transport } = await chain(11155111);
    const r = await deployLocal({ transport, key: '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6', site: 'site-north' });
    expect(r).toMatchObject({ chainId: 11155111, admin: OWN.address, adminDelaySec: 86_400, operator: OWN.address, siteId: keccak256(stringToBytes('site-north')) });
  });
});
