import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { createWalletClient, http, publicActions, zeroAddress, zeroHash, type Address } from 'viem';
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

const ANVIL_ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'; // deploys the ledger: admin and operator
const ANVIL_ACCOUNT_1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'; // a driver, no role on the ledger

/**
 * An injected EIP-1193 provider (what MetaMask exposes) that forwards to anvil, which signs for its
 * unlocked accounts. Like a real wallet it exposes no account before the site asked for one, keeps the
 * permission, the selected account and chain across page loads, and emits `accountsChanged` /
 * `chainChanged` when the test switches accounts or chains (window.__e2eWallet.setAccount / setChain);
 * its chain is anvil's unless the test moved it elsewhere (requests still go to anvil).
 */
async function installInjectedWallet(page: Page, { rpcUrl, account }: { rpcUrl: string; account: string }) {
  await page.addInitScript(
    ({ url, initial }) => {
      const listeners: Record<string, ((...args: unknown[]) => void)[]> = {};
      const emit = (event: string, value: unknown) => (listeners[event] ?? []).forEach((fn) => fn(value));
      const current = () => localStorage.getItem('e2eWallet.account') ?? initial;
      const permitted = () => localStorage.getItem('e2eWallet.permitted') === 'yes';
      let id = 0;
      const setChain = (chainIdHex: string) => {
        localStorage.setItem('e2eWallet.chainId', chainIdHex);
        emit('chainChanged', chainIdHex);
      };
      (window as unknown as { __e2eWallet: unknown }).__e2eWallet = {
        setAccount(address: string) {
          localStorage.setItem('e2eWallet.account', address);
          if (permitted()) emit('accountsChanged', [address]);
        },
        setChain
      };
      (window as unknown as { ethereum: unknown }).ethereum = {
        async request({ method, params }: { method: string; params?: unknown[] }) {
          if (method === 'eth_requestAccounts') {
            localStorage.setItem('e2eWallet.permitted', 'yes');
            return [current()];
          }
          if (method === 'wallet_requestPermissions') {
            localStorage.setItem('e2eWallet.permitted', 'yes');
            return [{ parentCapability: 'eth_accounts', caveats: [{ type: 'restrictReturnedAccounts', value: [current()] }] }];
          }
          if (method === 'eth_accounts') return permitted() ? [current()] : [];
          if (method === 'wallet_revokePermissions') {
            localStorage.removeItem('e2eWallet.permitted');
            return null;
          }
          if (method === 'wallet_switchEthereumChain') {
            setChain((params as { chainId: string }[])[0].chainId);
            return null;
          }
          if (method === 'eth_chainId' && localStorage.getItem('e2eWallet.chainId')) return localStorage.getItem('e2eWallet.chainId');
          const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method, params: params ?? [] }) });
          const body = await res.json();
          if (body.error) throw Object.assign(new Error(body.error.message), { code: body.error.code, data: body.error.data });
          return body.result;
        },
        on(event: string, fn: (...args: unknown[]) => void) {
          (listeners[event] ??= []).push(fn);
        },
        removeListener(event: string, fn: (...args: unknown[]) => void) {
          listeners[event] = (listeners[event] ?? []).filter((f) => f !== fn);
        }
      };
    },
    { url: rpcUrl, initial: account }
  );
}

/** Sets the app-wide chain & wallet choice to the local node in the chooser of the current page. */
async function chooseAnvil(page: Page, rpcUrl: string) {
  const chooser = page.getByTestId('chain-chooser').first();
  await chooser.getByTestId('chain-choice').selectOption('anvil');
  await chooser.getByTestId('chain-rpc').fill(rpcUrl);
  await chooser.getByTestId('chain-rpc').blur();
}

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

  test('error: without a browser wallet the chooser says so plainly; chains without a ledger cannot be chosen', async ({ page }) => {
    await page.goto('/verify');
    const choice = page.getByTestId('chain-choice');
    await expect(choice).toHaveValue('embedded');
    await expect(choice.locator('option[value="volta"]')).toBeDisabled();
    await expect(choice.locator('option[value="volta"]')).toHaveText(/no ledger deployed/);
    await expect(choice.locator('option[value="sepolia"]')).toBeDisabled();
    await choice.selectOption('anvil');
    await expect(page.getByTestId('wallet-status')).toHaveAttribute('data-state', 'no-wallet');
    await expect(page.getByTestId('wallet-status')).toContainText('No browser wallet found: install MetaMask');
    // The choice is the app's, and remembered: the receipt page and the operator panel follow it.
    await page.reload();
    await expect(page.getByTestId('chain-choice')).toHaveValue('anvil');
    await page.getByTestId('chain-choice').selectOption('embedded');
    await expect(page.getByTestId('wallet-status')).toHaveCount(0);
  });

  test('error: an unusable RPC URL is named next to the field and the local node keeps its last good URL', async ({ page }) => {
    await page.goto('/verify');
    await page.getByTestId('chain-choice').selectOption('anvil');
    const rpc = page.getByTestId('chain-rpc');
    await rpc.fill('http://127.0.0.1:9545');
    await rpc.blur();
    await rpc.fill('');
    await rpc.blur();
    await expect(page.getByTestId('chain-rpc-error')).toHaveText('RPC URL: expected an http(s) URL such as http://127.0.0.1:8545, got nothing; still using http://127.0.0.1:9545.');
    await rpc.fill('localhost:8545');
    await rpc.blur();
    await expect(page.getByTestId('chain-rpc-error')).toContainText('got "localhost:8545"');
    await page.reload();
    await expect(page.getByTestId('chain-rpc')).toHaveValue('http://127.0.0.1:9545');
    await expect(page.getByTestId('chain-rpc-error')).toHaveCount(0);
    await page.getByTestId('chain-choice').selectOption('embedded');
  });

  test('error: a stored choice of a chain without a ledger is said on the operator panel, not read forever', async ({ page }) => {
    await page.addInitScript(() => localStorage.setItem('greenslot.chainChoice', '{"kind":"volta"}'));
    await page.goto('/operator');
    const panel = page.getByTestId('green-supply');
    await panel.scrollIntoViewIfNeeded();
    await expect(panel.getByTestId('chain-undeployed')).toContainText('No ledger deployed on Energy Web Volta');
    await expect(panel.getByTestId('supply-summary')).toContainText('no ledger on this chain to read');
    await expect(panel.getByTestId('supply-summary')).not.toContainText('reading the ledger');
    await expect(panel.getByTestId('supply-register')).toBeDisabled();
  });

  test('error: malformed input is explained, not crashed on', async ({ page }) => {
    await page.goto('/verify');
    await expect(await verify(page, '{"schema":"greenslot.receipt/1","sessionId":""}')).toHaveAttribute('data-status', 'invalid-input', { timeout: 30_000 });
  });
});

// @foundry-rs/anvil ships its binary in one optional npm package per platform (all five are in the
// lock file), so the test runs wherever `npm ci` ran; a missing binary is a broken install: it fails.
const anvilArch = process.arch === 'x64' ? 'amd64' : process.arch;
const anvilBin = resolve(`node_modules/@foundry-rs/anvil-${process.platform}-${anvilArch}/bin/anvil${process.platform === 'win32' ? '.exe' : ''}`);

test.describe('on-chain attestation against a local anvil node', () => {
  test.beforeAll(() => {
    if (!existsSync(anvilBin)) throw new Error(`anvil binary missing at ${anvilBin}: run npm ci (no anvil build for ${process.platform}-${process.arch}?)`);
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

  // anvil's unlocked dev accounts: #0 deploys and operates, #1 is a driver behind the injected provider.
  let ledgerAddress: Address = zeroAddress;
  test.beforeAll(async () => {
    const deployed = await deployLocal({ rpcUrl });
    expect(deployed.address.toLowerCase()).toBe('0x5fbdb2315678afecb367f032d93f642f64180aa3'); // = contractAddresses[31337]
    ledgerAddress = deployed.address;
  });

  test('the driver attests through an injected wallet; a second claim of the same green slot is refused and shown', async ({ page }) => {
    const operator = createWalletClient({ chain: anvil, transport: http(rpcUrl), account: privateKeyToAccount('0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80') }).extend(publicActions);
    const supplied = await registerGreenSupply({ client: operator, ledgerAddress, siteId: 'e2e-site', slots: [{ slot: 9, startMs: Date.UTC(2026, 10, 25) + 9 * 900_000, greenKWhBySource: { solar: 1.5, wind: 0.5 }, evidenceHash: zeroHash }] });
    expect(supplied.state).toBe('confirmed');

    await installInjectedWallet(page, { rpcUrl, account: ANVIL_ACCOUNT_1 });
    const first = canonicalJson({ value: receiptFor('anvil-1', [{ slot: 9, energyKWh: 2 }]) });
    const second = canonicalJson({ value: receiptFor('anvil-2', [{ slot: 9, energyKWh: 0.5 }]) });

    await page.goto('/verify');
    await chooseAnvil(page, rpcUrl);
    await expect(await verify(page, first)).toHaveAttribute('data-status', 'not-attested');
    // Like a real wallet, nothing is known about the account before the site asks for it.
    await expect(page.getByTestId('wallet-status')).toHaveAttribute('data-state', 'disconnected');
    await page.getByTestId('attest-connect').click();
    await expect(page.getByTestId('wallet-account')).toHaveText('0x7099…79C8');
    // The user moves the wallet to Sepolia: the chooser notices and asks it back to the local node.
    await page.evaluate(() => (window as unknown as { __e2eWallet: { setChain(c: string): void } }).__e2eWallet.setChain('0xaa36a7'));
    await expect(page.getByTestId('wallet-status')).toContainText('is on chain 11155111, not 31337');
    await page.getByTestId('wallet-switch').click();
    await expect(page.getByTestId('wallet-status')).toContainText('on chain 31337.');
    await expect(page.getByTestId('wallet-switch')).toHaveCount(0);
    await expect(page.getByTestId('attest-words')).toContainText(ANVIL_ACCOUNT_1);
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

  test('the whole receipt-page flow with a browser wallet: operator registers from the operator panel, the driver signs the receipt, /verify says valid', async ({ page }) => {
    test.setTimeout(90_000);
    await installInjectedWallet(page, { rpcUrl, account: ANVIL_ACCOUNT_1 });

    // The driver's session on the demo site: a short, fast charge that finishes within a few gates.
    await page.goto('/');
    await expect(page.getByTestId('clock-now')).toBeVisible();
    const free = page.locator('[data-testid^="station-"][data-status="AVAILABLE"]').filter({ hasText: '11 kW' }).first();
    await free.getByRole('button', { name: /Select/ }).click();
    const form = page.getByTestId('request-form');
    await form.getByTestId('energy-kwh').fill('8');
    await form.getByTestId('departure').fill('09:00');
    await form.getByTestId('preference').selectOption('fast');
    await expect(page.getByTestId('dry-ok')).toBeVisible({ timeout: 30_000 });
    await form.getByTestId('send-request').click();
    await expect(page).toHaveURL(/\/session\/app-/);
    for (let i = 0; i < 12; i++) {
      if ((await page.getByTestId('session-status').getAttribute('data-status')) === 'finished') break;
      await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
      await page.getByTestId('clock-step').click();
      await expect(page.getByTestId('clock-step')).toBeEnabled({ timeout: 30_000 });
    }
    await expect(page.getByTestId('session-status')).toHaveAttribute('data-status', 'finished');
    await page.getByTestId('receipt-link').click();
    await expect(page).toHaveURL(/\/receipt\/app-/);
    const receiptUrl = page.url();
    const receipt = JSON.parse((await page.getByTestId('receipt-json').textContent()) ?? '{}');
    const greenSlots: number[] = receipt.claims.map((c: { slot: number }) => c.slot);
    expect(greenSlots.length).toBeGreaterThan(0);

    // The operator panel, switched to the local node: the whole app follows this one choice.
    await page.goto('/operator');
    const panel = page.getByTestId('green-supply');
    await panel.scrollIntoViewIfNeeded();
    await chooseAnvil(page, rpcUrl);
    for (const slot of greenSlots) await expect(panel.locator(`[data-testid="supply-row"][data-slot="${slot}"]`)).toHaveAttribute('data-state', 'not-registered', { timeout: 30_000 });
    // The wallet's first account is a driver's: the ledger refuses, and the panel says why.
    await panel.getByTestId('wallet-connect').click();
    await expect(panel.getByTestId('wallet-account')).toHaveText('0x7099…79C8');
    await panel.getByTestId('supply-register').click();
    await expect(panel.getByTestId('supply-tx')).toHaveAttribute('data-state', 'reverted');
    await expect(panel.getByTestId('supply-tx')).toContainText(`${ANVIL_ACCOUNT_1} is not an operator of this ledger`);
    // Switched to anvil's account #0 in the wallet (the ledger's operator): registration goes through.
    await page.evaluate((address) => (window as unknown as { __e2eWallet: { setAccount(a: string): void } }).__e2eWallet.setAccount(address), ANVIL_ACCOUNT_0);
    await expect(panel.getByTestId('wallet-account')).toHaveText('0xf39F…2266');
    await expect(panel.getByTestId('supply-register')).toContainText('with your wallet 0xf39F…2266');
    await panel.getByTestId('supply-register').click();
    await expect(panel.getByTestId('supply-tx')).toHaveText(/Confirmed in block \d+/, { timeout: 30_000 });
    await expect(panel.locator('[data-testid="supply-row"]:not([data-state="registered"])')).toHaveCount(0);

    // The driver's account signs the receipt on the receipt page (the choice is remembered).
    await page.evaluate((address) => (window as unknown as { __e2eWallet: { setAccount(a: string): void } }).__e2eWallet.setAccount(address), ANVIL_ACCOUNT_1);
    await page.goto(receiptUrl);
    await expect(page.getByTestId('chain-choice')).toHaveValue('anvil');
    const words = page.getByTestId('attest-words');
    await expect(words).toContainText(`You (${ANVIL_ACCOUNT_1})`, { timeout: 30_000 });
    await expect(words).toContainText(`claimed as green in ${greenSlots.length} slot(s)`);
    await expect(words).toContainText('chain 31337');
    await page.getByTestId('attest-button').click();
    await expect(page.getByTestId('attest-status')).toHaveAttribute('data-state', 'attested', { timeout: 30_000 });

    await page.goto(`/verify?session=${encodeURIComponent(receipt.sessionId)}`);
    await expect(page.getByTestId('verify-input')).toHaveValue(receipt.sessionId);
    await page.getByTestId('verify-submit').click();
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-status', 'valid', { timeout: 30_000 });
  });
});
