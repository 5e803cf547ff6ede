import { createWalletClient, custom, zeroHash, type EIP1193RequestFn } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { attestSession } from './attestSession';
import { embeddedChain } from './chains';
import { startEmbeddedChain, type EmbeddedChain } from './embedded/startEmbeddedChain';
import { createReceipt } from './receipt';
import { registerGreenSupply } from './registerGreenSupply';
import type { TxStatus } from './sendLedgerTransaction';

const receipt = (sessionId: string) =>
  createReceipt({
    sessionId,
    siteId: 'site',
    stationId: 'evse',
    timeline: { startMs: 0, slotMinutes: 15 },
    firstSlot: 0,
    lastSlot: 3,
    deliveredKWh: 4,
    greenKWhBySlot: [{ slot: 1, energyKWh: 1 }],
    issuedAtMs: 1
  });

describe('attestSession', () => {
  let chain: EmbeddedChain;
  // A wallet that refuses one method the way MetaMask does (EIP-1193 code 4001).
  const refusing = (method: string) =>
    createWalletClient({
      chain: embeddedChain,
      account: chain.driver,
      transport: custom({
        request: (async (args: { method: string; params?: unknown }) => {
          if (args.method === method) throw Object.assign(new Error('User rejected the request.'), { code: 4001 });
          return chain.provider.request(args);
        }) as EIP1193RequestFn
      }, { retryCount: 0 })
    });

  beforeAll(async () => {
    chain = await startEmbeddedChain();
    const operator = createWalletClient({ chain: embeddedChain, account: chain.operator, transport: custom(chain.provider) });
    await registerGreenSupply({ client: operator, ledgerAddress: chain.ledgerAddress, siteId: 'site', slots: [{ slot: 1, startMs: 900_000, greenKWhBySource: { solar: 5 }, evidenceHash: zeroHash }] });
  });

  it('error: a refused signature ends as rejected, with nothing sent', async () => {
    const states: TxStatus[] = [];
    const before = chain.evm.blockNumber;
    const outcome = await attestSession({ client: refusing('eth_signTypedData_v4'), ledgerAddress: chain.ledgerAddress, receipt: receipt('r-1'), onStatus: (s) => states.push(s) });
    expect(outcome).toMatchObject({ state: 'rejected', error: { kind: 'rejected', message: 'You rejected the request in your wallet.' } });
    expect(states.map((s) => s.state)).toEqual(['waiting-signature', 'rejected']);
    expect(chain.evm.blockNumber).toBe(before);
  });

  it('error: a refused transaction after signing ends as rejected', async () => {
    const outcome = await attestSession({ client: refusing('eth_sendTransaction'), ledgerAddress: chain.ledgerAddress, receipt: receipt('r-2') });
    expect(outcome.state).toBe('rejected');
    expect(outcome.signature).toMatch(/^0x[0-9a-f]{130}$/);
  });

  it('confirms with the block number when the driver submits', async () => {
    const driver = createWalletClient({ chain: embeddedChain, account: chain.driver, transport: custom(chain.provider) });
    const outcome = await attestSession({ client: driver, ledgerAddress: chain.ledgerAddress, receipt: receipt('r-3') });
    expect(outcome).toMatchObject({ state: 'confirmed', blockNumber: chain.evm.blockNumber });
  });
});
