import 'fake-indexeddb/auto';
import { createPublicClient, createWalletClient, custom, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { describe, expect, it, vi } from 'vitest';
import { embeddedChain } from '../chains';
import { readSupplyStates } from '../readSupplyStates';
import { registerGreenSupply, type GreenSupplySlot } from '../registerGreenSupply';
import { dexieJournal } from './dexieJournal';
import { DEMO_SITE_ID, getEmbeddedChain, wipeEmbeddedChain, type EmbeddedChain } from './startEmbeddedChain';

// The same real slot, as a demo day and a reset of that day on the same date would compute it.
const before: GreenSupplySlot = { slot: 30, startMs: Date.UTC(2026, 10, 26, 7, 30), lengthMinutes: 15, greenKWhBySource: { solar: 2 }, evidenceHash: `0x${'11'.repeat(32)}` as Hex };
const afterReset: GreenSupplySlot = { ...before, greenKWhBySource: { solar: 3, wind: 1 }, evidenceHash: `0x${'22'.repeat(32)}` as Hex };

const clients = (chain: EmbeddedChain) => ({
  operator: createWalletClient({ chain: embeddedChain, transport: custom(chain.provider), account: chain.operator }),
  reader: createPublicClient({ chain: embeddedChain, transport: custom(chain.provider) })
});

describe('wipeEmbeddedChain', () => {
  it('after a same-day reset the old registration differs; wiping the demo chain lets the day register afresh', async () => {
    const chain = await getEmbeddedChain();
    const { operator, reader } = clients(chain);
    expect((await registerGreenSupply({ client: operator, ledgerAddress: chain.ledgerAddress, siteId: DEMO_SITE_ID, slots: [before] })).state).toBe('confirmed');
    const [stale] = await readSupplyStates({ client: reader, ledgerAddress: chain.ledgerAddress, siteId: DEMO_SITE_ID, supply: [afterReset] });
    expect(stale.state).toBe('differs');
    expect((await registerGreenSupply({ client: operator, ledgerAddress: chain.ledgerAddress, siteId: DEMO_SITE_ID, slots: [afterReset] })).state).toBe('reverted');

    await wipeEmbeddedChain();
    const fresh = await getEmbeddedChain();
    expect(fresh).not.toBe(chain);
    expect(fresh.operator).not.toBe(chain.operator); // new demo keys, so a new ledger address too
    expect(fresh.ledgerAddress).not.toBe(chain.ledgerAddress);
    const next = clients(fresh);
    const [state] = await readSupplyStates({ client: next.reader, ledgerAddress: fresh.ledgerAddress, siteId: DEMO_SITE_ID, supply: [afterReset] });
    expect(state.state).toBe('not-registered');
    expect((await registerGreenSupply({ client: next.operator, ledgerAddress: fresh.ledgerAddress, siteId: DEMO_SITE_ID, slots: [afterReset] })).state).toBe('confirmed');
    // Persisted: the database holds the new chain only (deployment, demo site and roles, the one registration).
    expect(await dexieJournal().loadEntries()).toHaveLength(5);
  });

  it('clears the stored demo chain even when this page never started it', async () => {
    await getEmbeddedChain(); // an earlier page load stored a chain
    vi.resetModules();
    const thisPage = await import('./startEmbeddedChain'); // a new page: no chain started yet
    await thisPage.wipeEmbeddedChain();
    const journal = dexieJournal();
    expect(await journal.loadEntries()).toEqual([]);
    expect(await journal.loadKeys()).toBeUndefined();
    await wipeEmbeddedChain(); // also drop the earlier page's chain object
  });

  it('a chain asked for while the wipe runs starts after it: fresh keys, and they are the ones stored', async () => {
    const starting = getEmbeddedChain(); // still starting when the wipe begins
    const wiping = wipeEmbeddedChain();
    const next = getEmbeddedChain(); // e.g. a page reconnecting before the wipe finished
    await wiping;
    const [old, fresh] = await Promise.all([starting, next]);
    expect(fresh.operator).not.toBe(old.operator);
    const stored = await dexieJournal().loadKeys();
    expect(stored && privateKeyToAccount(stored.operatorKey).address).toBe(fresh.operator);
    expect(await getEmbeddedChain()).toBe(fresh);
  });
});
