import { createWalletClient, custom, publicActions, zeroHash } from 'viem';
import { beforeAll, describe, expect, it } from 'vitest';
import { attestSession } from './attestSession';
import { embeddedChain } from './chains';
import { startEmbeddedChain, type EmbeddedChain } from './embedded/startEmbeddedChain';
import { readGreenSupply } from './readAttestation';
import { createReceipt, type Receipt } from './receipt';
import { registerGreenSupply } from './registerGreenSupply';
import { REVOKE_REASONS, revokeAttestation } from './revokeAttestation';
import type { TxStatus } from './sendLedgerTransaction';
import { toBytes32Id } from './toBytes32Id';
import { ledgerSlot } from './ledgerSlot';
import { verifyReceipt } from './verifyReceipt';

const DAY_MS = Date.UTC(2026, 10, 25);
const startOf = (slot: number) => DAY_MS + slot * 900_000;

const makeReceipt = (sessionId: string, claims: { slot: number; energyKWh: number }[], dayMs = DAY_MS): Receipt =>
  createReceipt({
    sessionId,
    siteId: 'site-A',
    stationId: 'evse-1',
    timeline: { startMs: dayMs, slotMinutes: 15 },
    firstSlot: 40,
    lastSlot: 47,
    deliveredKWh: 10,
    greenKWhBySlot: claims,
    sourcesKWh: { solar: 3, gas: 7 },
    issuedAtMs: 1_764_000_000_000
  });

describe('attest and verify on the embedded chain', () => {
  let chain: EmbeddedChain;
  let driverClient: ReturnType<typeof makeClient>;
  let operatorClient: ReturnType<typeof makeClient>;
  const makeClient = (c: EmbeddedChain, account: `0x${string}`) => createWalletClient({ chain: embeddedChain, transport: custom(c.provider), account }).extend(publicActions);

  beforeAll(async () => {
    chain = await startEmbeddedChain();
    driverClient = makeClient(chain, chain.driver);
    operatorClient = makeClient(chain, chain.operator);
    const outcome = await registerGreenSupply({
      client: operatorClient,
      ledgerAddress: chain.ledgerAddress,
      siteId: 'site-A',
      slots: [
        { slot: 41, startMs: startOf(41), greenKWhBySource: { solar: 2, wind: 1 }, evidenceHash: zeroHash },
        { slot: 42, startMs: startOf(42), greenKWhBySource: { hydro: 1.5, biomass: 0.5 }, evidenceHash: zeroHash }
      ]
    });
    expect(outcome.state).toBe('confirmed');
  });

  it('registers supply per slot with the OCPI green breakdown', async () => {
    const s = await readGreenSupply({ client: operatorClient, ledgerAddress: chain.ledgerAddress, siteId: toBytes32Id({ id: 'site-A' }), slot: ledgerSlot({ startMs: startOf(42) }) });
    expect(s).toMatchObject({ greenWh: 2000, claimedWh: 0, sourceWh: [0, 0, 1500, 500] });
  });

  it('reports signature, pending and confirmed states, and the receipt then verifies as valid', async () => {
    const receipt = makeReceipt('flow-1', [{ slot: 41, energyKWh: 2.5 }, { slot: 42, energyKWh: 1 }]);
    const states: TxStatus['state'][] = [];
    const outcome = await attestSession({
      client: driverClient,
      submitter: { client: operatorClient },
      ledgerAddress: chain.ledgerAddress,
      receipt,
      onStatus: (s) => states.push(s.state)
    });
    expect(outcome.state).toBe('confirmed');
    expect(states).toEqual(['waiting-signature', 'waiting-signature', 'pending', 'confirmed']);
    const result = await verifyReceipt({ client: driverClient, ledgerAddress: chain.ledgerAddress, input: JSON.stringify(receipt) });
    expect(result).toMatchObject({ status: 'valid', receiptChecked: true });
    if (result.status === 'valid') expect(result.record).toMatchObject({ driver: chain.driver, deliveredWh: 10_000, greenWhClaimed: 3_500 });
    const byId = await verifyReceipt({ client: driverClient, ledgerAddress: chain.ledgerAddress, input: 'flow-1' });
    expect(byId).toMatchObject({ status: 'valid', receiptChecked: false });
  });

  it('error: a second claim of the same green slot is refused with a decoded message', async () => {
    const receipt = makeReceipt('flow-2', [{ slot: 41, energyKWh: 1 }]); // only 0.5 kWh left in slot 41
    const outcome = await attestSession({ client: driverClient, ledgerAddress: chain.ledgerAddress, receipt });
    expect(outcome.state).toBe('reverted');
    if (outcome.state === 'reverted') {
      expect(outcome.error.errorName).toBe('InsufficientGreenSupply');
      expect(outcome.error.message).toContain('Slot 2026-11-25 10:15 UTC: 1 kWh of green energy claimed, but only 0.5 kWh');
    }
    expect((await verifyReceipt({ client: driverClient, ledgerAddress: chain.ledgerAddress, input: receipt })).status).toBe('not-attested');
  });

  it('error: figures that differ from the chain are named', async () => {
    const receipt = makeReceipt('flow-3', [{ slot: 42, energyKWh: 0.5 }]);
    expect((await attestSession({ client: driverClient, ledgerAddress: chain.ledgerAddress, receipt })).state).toBe('confirmed');
    const edited = { ...receipt, deliveredWh: 12_000 };
    const result = await verifyReceipt({ client: driverClient, ledgerAddress: chain.ledgerAddress, input: JSON.stringify(edited) });
    expect(result.status).toBe('figures-differ');
    if (result.status === 'figures-differ') expect(result.differences.map((d) => d.field)).toEqual(['receiptHash', 'deliveredWh']);
    // Changing a field outside the key figures (order of keys does not matter) changes only the hash.
    const noted = { note: 'edited', ...receipt };
    const r2 = await verifyReceipt({ client: driverClient, ledgerAddress: chain.ledgerAddress, input: noted });
    if (r2.status === 'figures-differ') expect(r2.differences.map((d) => d.field)).toEqual(['receiptHash']);
    else expect.unreachable();
  });

  it('revocation shows as revoked and releases the green Wh', async () => {
    const outcome = await revokeAttestation({ client: operatorClient, ledgerAddress: chain.ledgerAddress, sessionId: 'flow-3', reasonCode: REVOKE_REASONS.meterFault });
    expect(outcome.state).toBe('confirmed');
    const result = await verifyReceipt({ client: driverClient, ledgerAddress: chain.ledgerAddress, input: 'flow-3' });
    expect(result).toMatchObject({ status: 'revoked', record: { revokeReason: 2 } });
    const s = await readGreenSupply({ client: operatorClient, ledgerAddress: chain.ledgerAddress, siteId: toBytes32Id({ id: 'site-A' }), slot: ledgerSlot({ startMs: startOf(42) }) });
    expect(s.claimedWh).toBe(1000);
  });

  it('keys slots by their start time: the next day’s slot 41 has its own supply, not this day’s', async () => {
    const nextDay = DAY_MS + 86_400_000;
    const supplied = await registerGreenSupply({
      client: operatorClient,
      ledgerAddress: chain.ledgerAddress,
      siteId: 'site-A',
      slots: [{ slot: 41, startMs: nextDay + 41 * 900_000, greenKWhBySource: { wind: 1 }, evidenceHash: zeroHash }]
    });
    expect(supplied.state).toBe('confirmed');
    const receipt = makeReceipt('flow-next-day', [{ slot: 41, energyKWh: 1 }], nextDay);
    expect((await attestSession({ client: driverClient, ledgerAddress: chain.ledgerAddress, receipt })).state).toBe('confirmed');
    expect(await verifyReceipt({ client: driverClient, ledgerAddress: chain.ledgerAddress, input: receipt })).toMatchObject({ status: 'valid' });
  });

  it('error: the driver cannot register supply or revoke (not an operator)', async () => {
    const outcome = await revokeAttestation({ client: driverClient, ledgerAddress: chain.ledgerAddress, sessionId: 'flow-1', reasonCode: 1 });
    expect(outcome).toMatchObject({ state: 'reverted', error: { errorName: 'AccessControlUnauthorizedAccount' } });
  });

  it('error: empty or malformed input is an invalid-input result', async () => {
    expect((await verifyReceipt({ client: driverClient, ledgerAddress: chain.ledgerAddress, input: '  ' })).status).toBe('invalid-input');
    const bad = await verifyReceipt({ client: driverClient, ledgerAddress: chain.ledgerAddress, input: '{"schema":"greenslot.receipt/1"}' });
    expect(bad).toMatchObject({ status: 'invalid-input' });
    expect((await verifyReceipt({ client: driverClient, ledgerAddress: chain.ledgerAddress, input: 'never-attested' })).status).toBe('not-attested');
  });
});
