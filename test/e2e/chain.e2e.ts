import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createWalletClient, http, publicActions, zeroHash } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { anvil } from '../../src/lib/chain/chains';
import { canonicalJson, createReceipt, type Receipt } from '../../src/lib/chain/receipt';
import { registerGreenSupply } from '../../src/lib/chain/registerGreenSupply';
import { deployLocal } from '../../contracts/scripts/deploy-local';

const receiptFor = (sessionId: string, greenKWhBySlot: { slot: number; energyKWh: number }[] = []): Receipt =>
  createReceipt({
    sessionId,
    siteId: 'e2e-site',
    stationId: 'evse-7',
    timeline: { startMs: Date.UTC(2026, 10, 25), slotMinutes: 15 },
    firstSlot: 8,
    lastSlot: 15,
    deliveredKWh: 11.5,
    greenKWhBySlot,
    sourcesKWh: { solar: 4, gas: 7.5 },
    issuedAtMs: Date.UTC(2026, 10, 25, 4),
    extra: { co2G: 1234.5, cost: 3.21, currency: 'EUR' }
  });

async function verify(page: Page, input: string) {
  await page.getByTestId('verify-input').fill(input);
  await page.getByTestId('verify-submit').click();
  return page.getByTestId('verify-result');
}

test.describe('on-chain attestation on the embedded demo chain', () => {
  test('attests a receipt with the demo wallet, verifies it after reload and names edited figures', async ({ page }) => {
    const receipt = receiptFor(`e2e-${Date.now()}`);
    const json = canonicalJson({ value: receipt });
    await page.goto('/verify');
    await expect(await verify(page, json)).toHaveAttribute('data-status', 'not-attested', { timeout: 30_000 });

    // The EIP-712 data is shown in plain words before signing.
    await expect(page.getByTestId('attest-words')).toContainText('delivered 11.5 kWh');
    await expect(page.getByTestId('attest-words')).toContainText('chain 1337');
    await page.getByTestId('attest-button').click();
    await expect(page.getByTestId('attest-status')).toHaveAttribute('data-state', 'attested');

    await expect(await verify(page, json)).toHaveAttribute('data-status', 'valid');

    // State lives in IndexedDB (greenslot-chain): a reload replays it.
    await page.reload();
    await expect(await verify(page, json)).toHaveAttribute('data-status', 'valid', { timeout: 30_000 });
    await expect(await verify(page, receipt.sessionId)).toHaveAttribute('data-status', 'valid');

    const edited = canonicalJson({ value: { ...receipt, deliveredWh: receipt.deliveredWh + 500 } });
    await expect(await verify(page, edited)).toHaveAttribute('data-status', 'figures-differ');
    await expect(page.locator('[data-testid="verify-differences"] tr[data-field]')).toHaveCount(2);
    await expect(page.locator('tr[data-field="deliveredWh"]')).toContainText('12000');
  });

  test('a green claim beyond the registered supply is refused and shown as such', async ({ page }) => {
    const receipt = receiptFor(`e2e-green-${Date.now()}`, [{ slot: 9, energyKWh: 2 }]);
    await page.goto('/verify');
    await expect(await verify(page, canonicalJson({ value: receipt }))).toHaveAttribute('data-status', 'not-attested', { timeout: 30_000 });
    await page.getByTestId('attest-button').click();
    const progress = page.getByTestId('attest-progress');
    await expect(progress).toHaveAttribute('data-state', 'reverted');
    await expect(progress).toContainText('Slot 2026-11-25 02:15 UTC: 2 kWh of green energy claimed, but only 0 kWh of registered green supply is left');
  });

  test('error: a receipt whose slots have no stored supply record (older build) says so, and its claim is refused', async ({ page }) => {
    const receipt = receiptFor(`e2e-old-${Date.now()}`, [{ slot: 9, energyKWh: 1.25 }, { slot: 10, energyKWh: 0.5 }]);
    await page.goto('/');
    await expect(page.getByTestId('clock-now')).toBeVisible();
    // What an older build left behind: the receipt, and a slot row without the supply figures.
    await page.evaluate(
      ({ sessionId, json }) =>
        new Promise<void>((done, fail) => {
          const open = indexedDB.open('greenslot');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction(['receipts', 'slotResults'], 'readwrite');
            tx.objectStore('receipts').put({ sessionId, json, createdMs: 0 });
            tx.objectStore('slotResults').put({ slot: 9, siteId: 'e2e-site', nodes: [], evKw: 11, greenShare: 0.5, co2GPerKWh: 200, pricePerKWh: 0.3, gate: null });
            tx.oncomplete = () => done();
            tx.onerror = () => fail(tx.error);
          };
        }),
      { sessionId: receipt.sessionId, json: canonicalJson({ value: receipt }) }
    );
    await page.goto(`/receipt/${receipt.sessionId}`);
    await expect(page.getByTestId('supply-missing')).toContainText("The operator's green supply record for slots 9, 10 is missing");
    await expect(page.getByTestId('attest-words')).toContainText('claimed as green in 2 slot(s)', { timeout: 30_000 });
    await page.getByTestId('attest-button').click();
    await expect(page.getByTestId('attest-progress')).toHaveAttribute('data-state', 'reverted');
    await expect(page.getByTestId('attest-progress')).toContainText('Slot 2026-11-25 02:15 UTC: 1.25 kWh of green energy claimed, but only 0 kWh of registered green supply is left');
  });

  test('error: malformed input is explained, not crashed on', async ({ page }) => {
    await page.goto('/verify');
    await expect(await verify(page, '{"schema":"greenslot.receipt/1","sessionId":""}')).toHaveAttribute('data-status', 'invalid-input', { timeout: 30_000 });
  });
});

const anvilBin = resolve('node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil');

test.describe('on-chain attestation against a local anvil node', () => {
  // The anvil binary ships in a per-platform npm package; only linux-x64 (dev machines and CI) is
  // pinned in the lock file. There a missing binary is a broken install and must fail, not skip.
  const pinnedPlatform = process.platform === 'linux' && process.arch === 'x64';
  test.skip(!pinnedPlatform, `anvil's npm binary is pinned for linux-x64 only (this is ${process.platform}-${process.arch})`);
  test.beforeAll(() => {
    if (!existsSync(anvilBin)) throw new Error(`anvil binary missing at ${anvilBin}: run npm ci`);
  });
  let rpcUrl = '';
  let node: ChildProcess | undefined;

  const ready = async (url: string) => {
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' });
      return res.ok;
    } catch {
      return false;
    }
  };

  test.beforeAll(async () => {
    // A random port per attempt, so a node left over from an aborted run can never answer instead.
    for (let attempt = 0; attempt < 3 && !rpcUrl; attempt++) {
      const port = 20_000 + Math.floor(Math.random() * 20_000);
      const child = spawn(anvilBin, ['--port', String(port), '--host', '127.0.0.1', '--silent'], { stdio: 'ignore' });
      let exited = false;
      child.once('exit', () => (exited = true));
      for (let i = 0; i < 200 && !exited; i++) {
        if (await ready(`http://127.0.0.1:${port}`)) {
          rpcUrl = `http://127.0.0.1:${port}`;
          node = child;
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      if (!rpcUrl) child.kill();
    }
    if (!rpcUrl) throw new Error('anvil did not start');
    process.once('exit', () => node?.kill());
  });

  test.afterAll(() => {
    node?.kill();
  });

  test('the driver attests through an injected wallet; a second claim of the same green slot is refused and shown', async ({ page }) => {
    // anvil's unlocked dev accounts: #0 deploys and operates, #1 is the driver behind the injected provider.
    const deployed = await deployLocal({ rpcUrl });
    expect(deployed.address.toLowerCase()).toBe('0x5fbdb2315678afecb367f032d93f642f64180aa3'); // = contractAddresses[31337]
    const operator = createWalletClient({ chain: anvil, transport: http(rpcUrl), account: privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80') }).extend(publicActions);
    const supplied = await registerGreenSupply({ client: operator, ledgerAddress: deployed.address, siteId: 'e2e-site', slots: [{ slot: 9, startMs: Date.UTC(2026, 10, 25) + 9 * 900_000, greenKWhBySource: { solar: 1.5, wind: 0.5 }, evidenceHash: zeroHash }] });
    expect(supplied.state).toBe('confirmed');

    // An injected EIP-1193 provider (what MetaMask exposes) that forwards to anvil, which signs for its unlocked accounts.
    await page.addInitScript(
      ({ url, account }) => {
        let id = 0;
        (window as unknown as { ethereum: unknown }).ethereum = {
          async request({ method, params }: { method: string; params?: unknown[] }) {
            if (method === 'eth_requestAccounts' || method === 'eth_accounts') return [account];
            if (method === 'wallet_requestPermissions' || method === 'wallet_revokePermissions') return [];
            if (method === 'wallet_switchEthereumChain') return null;
            const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: params ?? [] }) });
            const body = await res.json();
            if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
            return body.result;
          },
          on() {},
          removeListener() {}
        };
      },
      { url: rpcUrl, account: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' }
    );
    const first = canonicalJson({ value: receiptFor('anvil-1', [{ slot: 9, energyKWh: 2 }]) });
    const second = canonicalJson({ value: receiptFor('anvil-2', [{ slot: 9, energyKWh: 0.5 }]) });

    await page.goto('/verify');
    await page.getByTestId('verify-chain').selectOption('anvil');
    await page.getByTestId('verify-rpc').fill(rpcUrl);
    await expect(await verify(page, first)).toHaveAttribute('data-status', 'not-attested');
    await expect(page.getByTestId('attest-words')).toContainText('chain 31337');
    await page.getByTestId('attest-button').click();
    await expect(page.getByTestId('attest-status')).toHaveAttribute('data-state', 'attested');
    await expect(await verify(page, first)).toHaveAttribute('data-status', 'valid');

    await expect(await verify(page, second)).toHaveAttribute('data-status', 'not-attested');
    await page.getByTestId('attest-button').click();
    const progress = page.getByTestId('attest-progress');
    await expect(progress).toHaveAttribute('data-state', 'reverted');
    await expect(progress).toContainText('Slot 2026-11-25 02:15 UTC: 0.5 kWh of green energy claimed, but only 0 kWh of registered green supply is left');
    await expect(await verify(page, 'anvil-2')).toHaveAttribute('data-status', 'not-attested');
  });
});
