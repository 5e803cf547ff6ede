import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test, type Download, type Page } from '@playwright/test';
import Ajv2020 from 'ajv/dist/2020.js';
import { createWalletClient, http, publicActions, zeroAddress, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { anvil } from '../../src/lib/chain/chains';
import { canonicalJson, createReceipt, type Receipt } from '../../src/lib/chain/receipt';
import { registerGreenSupply } from '../../src/lib/chain/registerGreenSupply';
import { registerSiteWithOperator } from '../../src/lib/chain/registerSite';
import { deployLocal } from '../../contracts/scripts/deploy-local';
import { shoot } from './support';

// The demo site: the operator panel anchors the receipts of the app's current site.
const SITE = 'demo';
const DAY = Date.UTC(2026, 10, 25);
// Late-evening slots of a past day: no slot row of the running demo day shares these numbers early on.
const GREEN_SLOT = 90;

const receiptFor = (sessionId: string, greenKWhBySlot: { slot: number; energyKWh: number }[] = [], siteId = SITE): Receipt =>
  createReceipt({
    sessionId,
    siteId,
    stationId: 'evse-7',
    timeline: { startMs: DAY, slotMinutes: 15 },
    firstSlot: 88,
    lastSlot: 95,
    deliveredKWh: 11.5,
    greenKWhBySlot,
    sourcesKWh: { solar: 4, gas: 7.5 },
    issuedAtMs: DAY + 23 * 3_600_000,
    extra: { co2G: 1234.5, cost: 3.21, currency: 'EUR' }
  });

/** What a finished session leaves in the app's database: its receipt and the engine's slot row (2 kWh of PV for EVs). */
async function storeReceipts(page: Page, receipts: Receipt[], slot = GREEN_SLOT) {
  await page.goto('/');
  await expect(page.getByTestId('clock-now')).toBeVisible();
  await page.evaluate(
    ({ rows, slot, siteId, startMs }) =>
      new Promise<void>((done, fail) => {
        const open = indexedDB.open('greenslot');
        open.onerror = () => fail(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(['receipts', 'slotResults'], 'readwrite');
          for (const r of rows) tx.objectStore('receipts').put({ sessionId: r.sessionId, json: r.json, createdMs: 0 });
          tx.objectStore('slotResults').put({
            slot, siteId, nodes: [], evKw: 8, greenShare: 1, co2GPerKWh: 0, pricePerKWh: 0.3, gate: null,
            startMs, evEnergyKWh: 2, greenKWh: 2, baseLoadKw: 2, pvKw: 10, gridMix: { gas: 1 }
          });
          tx.oncomplete = () => done();
          tx.onerror = () => fail(tx.error);
        };
      }),
    { rows: receipts.map((r) => ({ sessionId: r.sessionId, json: canonicalJson({ value: r }) })), slot, siteId: receipts[0].siteId, startMs: DAY + slot * 900_000 }
  );
}

const schema = JSON.parse(readFileSync(resolve('docs/schemas/certificate-cancellation.schema.json'), 'utf8'));
const validateCertificate = new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(schema);
const downloaded = async (download: Download) => JSON.parse(readFileSync((await download.path())!, 'utf8'));

const ANVIL_KEY_0 = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80'; // anvil's public dev key #0
const ANVIL_ACCOUNT_0 = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'; // deploys the ledger: registry admin and demo-site operator
const ANVIL_ACCOUNT_1 = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'; // a driver, no role on the ledger
const ANVIL_ACCOUNT_2 = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC'; // a second wallet

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

test.describe('green claims on the embedded demo chain', () => {
  test('the demo driver claims a site-signed receipt; the receipt page shows the bundle ranges; the certificate export downloads and validates; /verify says valid', async ({ page }) => {
    const receipt = receiptFor(`e2e-${Date.now()}`, [{ slot: GREEN_SLOT, energyKWh: 1.5 }]);
    await storeReceipts(page, [receipt]);
    await page.goto(`/receipt/${receipt.sessionId}`);
    // The EIP-712 data is shown in plain words before signing.
    const words = page.getByTestId('claim-words');
    await expect(words).toContainText('delivered 11.5 kWh', { timeout: 30_000 });
    await expect(words).toContainText('2026-11-25 22:30 solar 1.5 kWh');
    await expect(words).toContainText('signed by its metering signer');
    await expect(words).toContainText('chain 1337');
    await page.getByTestId('claim-button').click();
    await expect(page.getByTestId('claim-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await expect(page.getByTestId('claim-status')).toContainText('with the site’s signature: 1.500 kWh green');
    await expect(page.getByTestId('claim-range')).toHaveCount(1);
    // Site time first (the receipt's times), the ledger's UTC below it.
    await expect(page.getByTestId('claim-range')).toContainText(/#\d+\s*solar\s*\d\d:\d\d–\d\d:\d\d(?: \+1 day)?\s*2026-11-25 22:30 UTC, 15 min\s*\d+–\d+\s*1\.500\s*claimed/);
    await expect(page.getByTestId('claim-range-site-time')).toHaveText('23:30–23:45');

    const [certificate] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-certificate').click()]);
    expect(certificate.suggestedFilename()).toBe(`greenslot-certificate-cancellation-${receipt.sessionId}.json`);
    const doc = await downloaded(certificate);
    expect(validateCertificate(doc), JSON.stringify(validateCertificate.errors)).toBe(true);
    expect(doc).toMatchObject({ claim: { status: 'claimed', proof: 'site-signature', claimedWh: 1500 }, consumption: { sessionId: receipt.sessionId, siteId: SITE } });
    expect(doc.cancellations).toHaveLength(1);

    const [proofFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-proof').click()]);
    const proofText = readFileSync((await proofFile.path())!, 'utf8');
    await page.goto('/verify');
    await expect(await verify(page, proofText)).toHaveAttribute('data-status', 'valid', { timeout: 30_000 });
    await expect(page.getByTestId('verify-result')).toHaveAttribute('data-by', 'site-signature');
    await expect(page.getByTestId('verify-range')).toHaveCount(1);
    // State lives in IndexedDB (greenslot-chain, greenslot-claims): a reload replays it.
    await page.reload();
    await expect(await verify(page, receipt.sessionId)).toHaveAttribute('data-status', 'valid', { timeout: 30_000 });
    const edited = canonicalJson({ value: { ...receipt, deliveredWh: receipt.deliveredWh + 500 } });
    await expect(await verify(page, edited)).toHaveAttribute('data-status', 'figures-differ');
    await expect(page.locator('tr[data-field="receiptHash"]')).toHaveCount(1);
  });

  test('the operator anchors the day’s receipts in one transaction; the driver claims by Merkle proof; /verify says valid offline and shows the bundle ranges', async ({ page }) => {
    const stamp = Date.now();
    const receipts = [0.5, 0.25, 0.75].map((kWh, i) => receiptFor(`e2e-a${i}-${stamp}`, [{ slot: GREEN_SLOT, energyKWh: kWh }]));
    await storeReceipts(page, receipts);
    await page.goto('/operator');
    const panel = page.getByTestId('green-supply');
    await panel.scrollIntoViewIfNeeded();
    const day = panel.locator('[data-testid="anchor-day"][data-day="2026-11-25"]');
    await expect(day).toHaveAttribute('data-ready', '3', { timeout: 30_000 });
    await day.getByTestId('anchor-button').click();
    await expect(panel.getByTestId('anchor-tx')).toHaveText(/Anchored in block \d+\./, { timeout: 30_000 });
    await expect(panel.getByTestId('anchor-row')).toHaveCount(1);
    await expect(panel.getByTestId('anchor-row')).toContainText('2026-11-25');
    await expect(day).toHaveAttribute('data-ready', '0');

    const mine = receipts[1];
    await page.goto(`/receipt/${mine.sessionId}`);
    await expect(page.getByTestId('claim-words')).toContainText('in the Merkle root', { timeout: 30_000 });
    await expect(page.getByTestId('claim-button')).toHaveText(/Sign & claim by Merkle proof/);
    await page.getByTestId('claim-button').click();
    await expect(page.getByTestId('claim-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await expect(page.getByTestId('claim-status')).toContainText('by Merkle proof: 0.250 kWh green');
    const [proofFile] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-proof').click()]);
    const proofText = readFileSync((await proofFile.path())!, 'utf8');

    await page.goto('/verify');
    const result = await verify(page, proofText);
    await expect(result).toHaveAttribute('data-status', 'valid', { timeout: 30_000 });
    await expect(result).toHaveAttribute('data-offline', 'yes');
    await expect(result).toContainText('Valid (offline)');
    await expect(page.getByTestId('verify-anchor')).toContainText('3 receipts');
    await expect(page.getByTestId('verify-range')).toHaveCount(1);
    await expect(page.getByTestId('verify-range')).toContainText('solar');
    await shoot(page, 'verify');
    await expect(page.getByTestId('verify-claim')).toContainText('by Merkle proof');

    // No chain for this proof at all (another chain chosen, its node down): still valid, offline.
    await chooseAnvil(page, 'http://127.0.0.1:9');
    const offline = await verify(page, proofText);
    await expect(offline).toHaveAttribute('data-status', 'valid', { timeout: 30_000 });
    await expect(offline).toHaveAttribute('data-offline', 'yes');
    await expect(page.getByTestId('verify-chain-note')).toContainText('on chain 1337, not the chosen chain');
    await expect(page.getByTestId('verify-range')).toHaveCount(0);
  });

  test('error: a green claim on a slot nobody registered is refused and shown as such', async ({ page }) => {
    // The receipt's green slot has no engine slot row, so no supply gets registered for it.
    const receipt = receiptFor(`e2e-green-${Date.now()}`, [{ slot: 89, energyKWh: 2 }]);
    await storeReceipts(page, [receipt]);
    await page.goto(`/receipt/${receipt.sessionId}`);
    await expect(page.getByTestId('claim-words')).toContainText('signed by its metering signer', { timeout: 30_000 });
    // The driver reads the site's local time (demo site: Europe/Amsterdam), not the engine's slot number 89.
    const missing = page.getByTestId('supply-missing');
    await expect(missing).toContainText('the time 23:15–23:30 is missing');
    await expect(missing).not.toContainText('89');
    await page.getByTestId('claim-button').click();
    const progress = page.getByTestId('claim-progress');
    await expect(progress).toHaveAttribute('data-state', 'reverted', { timeout: 30_000 });
    await expect(progress).toContainText(/slot 2026-11-25 22:15 UTC \(15 min\)/i);
  });

  test('error: a receipt with made-up figures pasted on /verify is not vouched for by the site', async ({ page }) => {
    const receipt = receiptFor(`e2e-made-up-${Date.now()}`, [{ slot: 89, energyKWh: 9 }]);
    await page.goto('/verify');
    await expect(await verify(page, canonicalJson({ value: receipt }))).toHaveAttribute('data-status', 'not-claimed', { timeout: 30_000 });
    await expect(page.getByTestId('claim-not-issued')).toContainText('This site has no record of issuing this receipt');
    await expect(page.getByTestId('claim-button')).toBeDisabled();
  });

  test('error: garbage pasted into /verify gets a named input error, not a session lookup', async ({ page }) => {
    await page.goto('/verify');
    const result = await verify(page, 'hello, is this green? <script>');
    await expect(result).toHaveAttribute('data-status', 'invalid-input', { timeout: 30_000 });
    await expect(result).toContainText('expected a receipt (JSON), a receipt with proof (JSON) or a session id');
    await expect(await verify(page, '{"schema":"greenslot.claim-proof/1","chainId":-1}')).toContainText('$.chainId');
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
    await expect(page.getByTestId('verify-result')).toContainText('$.sessionId');
  });
});

// @foundry-rs/anvil ships its binary in one optional npm package per platform (all five are in the
// lock file), so the test runs wherever `npm ci` ran; a missing binary is a broken install: it fails.
const anvilArch = process.arch === 'x64' ? 'amd64' : process.arch;
const anvilBin = resolve(`node_modules/@foundry-rs/anvil-${process.platform}-${anvilArch}/bin/anvil${process.platform === 'win32' ? '.exe' : ''}`);

test.describe('green claims against a local anvil node', () => {
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

  // anvil's unlocked dev accounts: #0 deploys the ledger and runs the demo site (site admin, supply
  // registrar, metering signer); #1 is a driver and #2 a second wallet, behind the injected provider.
  let ledgerAddress: Address = zeroAddress;
  test.beforeAll(async () => {
    const deployed = await deployLocal({ rpcUrl });
    expect(deployed.address.toLowerCase()).toBe('0x5fbdb2315678afecb367f032d93f642f64180aa3'); // = contractAddresses[31337]
    ledgerAddress = deployed.address;
    const operator = createWalletClient({ chain: anvil, transport: http(rpcUrl), account: privateKeyToAccount(ANVIL_KEY_0) }).extend(publicActions);
    const site = await registerSiteWithOperator({ client: operator, ledgerAddress, siteId: SITE, operator: ANVIL_ACCOUNT_0 });
    expect(site?.state ?? 'confirmed').toBe('confirmed');
    const supplied = await registerGreenSupply({
      client: operator,
      ledgerAddress,
      siteId: SITE,
      slots: [{ slot: GREEN_SLOT, startMs: DAY + GREEN_SLOT * 900_000, lengthMinutes: 15, greenKWhBySource: { solar: 2 }, evidenceHash: `0x${'11'.repeat(32)}` }]
    });
    expect(supplied.state).toBe('confirmed');
  });

  const setAccount = (page: Page, address: string) => page.evaluate((a) => (window as unknown as { __e2eWallet: { setAccount(a: string): void } }).__e2eWallet.setAccount(a), address);

  test('a second wallet cannot claim the first driver’s session; the driver claims by Merkle proof after the operator anchors the day', async ({ page }) => {
    test.setTimeout(120_000);
    await installInjectedWallet(page, { rpcUrl, account: ANVIL_ACCOUNT_1 });
    const receipt = receiptFor(`anvil-${Date.now()}`, [{ slot: GREEN_SLOT, energyKWh: 1.5 }]);
    await storeReceipts(page, [receipt]);

    // The driver names the connected wallet for the claim on the receipt page.
    await page.goto(`/receipt/${receipt.sessionId}`);
    await chooseAnvil(page, rpcUrl);
    // Like a real wallet, nothing is known about the account before the site asks for it.
    await expect(page.getByTestId('wallet-status')).toHaveAttribute('data-state', 'disconnected');
    await page.getByTestId('claim-connect').click();
    await expect(page.getByTestId('wallet-account')).toHaveText('0x7099…79C8');
    // The user moves the wallet to Sepolia: the chooser notices and asks it back to the local node.
    await page.evaluate(() => (window as unknown as { __e2eWallet: { setChain(c: string): void } }).__e2eWallet.setChain('0xaa36a7'));
    await expect(page.getByTestId('wallet-status')).toContainText('is on chain 11155111, not 31337');
    await page.getByTestId('wallet-switch').click();
    await expect(page.getByTestId('wallet-status')).toContainText('on chain 31337.');
    await expect(page.getByTestId('claim-words')).toContainText(`You (${ANVIL_ACCOUNT_1})`);
    await page.getByTestId('claim-name-wallet').click();
    await expect(page.getByTestId('claim-waiting')).toContainText(ANVIL_ACCOUNT_1);

    // The operator's wallet (the site's metering signer) anchors the day on the operator panel.
    await page.goto('/operator');
    const panel = page.getByTestId('green-supply');
    await panel.scrollIntoViewIfNeeded();
    await setAccount(page, ANVIL_ACCOUNT_0);
    await expect(panel.getByTestId('wallet-account')).toHaveText('0xf39F…2266');
    const day = panel.locator('[data-testid="anchor-day"][data-day="2026-11-25"]');
    await expect(day).toHaveAttribute('data-ready', '1', { timeout: 30_000 });
    await day.getByTestId('anchor-button').click();
    await expect(panel.getByTestId('anchor-tx')).toHaveText(/Anchored in block \d+\./, { timeout: 30_000 });

    // A second wallet copies the anchored receipt: the ledger refuses, naming the beneficiary.
    await setAccount(page, ANVIL_ACCOUNT_2);
    await page.goto(`/receipt/${receipt.sessionId}`);
    await expect(page.getByTestId('claim-other-wallet')).toContainText(ANVIL_ACCOUNT_1, { timeout: 30_000 });
    await page.getByTestId('claim-button').click();
    await expect(page.getByTestId('claim-progress')).toHaveAttribute('data-state', 'reverted', { timeout: 30_000 });
    await expect(page.getByTestId('claim-progress')).toContainText(`This receipt names ${ANVIL_ACCOUNT_1} as the beneficiary: only that wallet can claim its green energy`);

    // The driver's own wallet claims by proof.
    await setAccount(page, ANVIL_ACCOUNT_1);
    await expect(page.getByTestId('claim-other-wallet')).toHaveCount(0);
    await page.getByTestId('claim-button').click();
    await expect(page.getByTestId('claim-status')).toHaveAttribute('data-state', 'live', { timeout: 30_000 });
    await expect(page.getByTestId('claim-status')).toContainText(`by Merkle proof: 1.500 kWh green for ${ANVIL_ACCOUNT_1}`);
    await expect(page.getByTestId('claim-range')).toHaveCount(1);
    const [certificate] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-certificate').click()]);
    const doc = await downloaded(certificate);
    expect(validateCertificate(doc), JSON.stringify(validateCertificate.errors)).toBe(true);
    expect(doc).toMatchObject({ registry: { chainId: 31337 }, claim: { proof: 'merkle-proof', claimedWh: 1500 }, consumption: { beneficiary: ANVIL_ACCOUNT_1 } });

    // /verify: valid offline (this device saw the root anchored), with the ranges read from the node.
    await page.goto('/verify');
    const result = await verify(page, canonicalJson({ value: receipt }));
    await expect(result).toHaveAttribute('data-status', 'valid', { timeout: 30_000 });
    await expect(result).toHaveAttribute('data-offline', 'yes');
    await expect(page.getByTestId('verify-range')).toHaveCount(1);
  });

  test('error: a driver’s wallet on the operator panel cannot register supply: the ledger names the missing site role; the registrar’s wallet can', async ({ page }) => {
    await installInjectedWallet(page, { rpcUrl, account: ANVIL_ACCOUNT_1 });
    const slot = GREEN_SLOT + 2;
    await storeReceipts(page, [receiptFor(`anvil-reg-${Date.now()}`, [{ slot, energyKWh: 1 }])], slot);
    await page.goto('/operator');
    const panel = page.getByTestId('green-supply');
    await panel.scrollIntoViewIfNeeded();
    await chooseAnvil(page, rpcUrl);
    await expect(panel.locator(`[data-testid="supply-row"][data-slot="${slot}"]`)).toHaveAttribute('data-state', 'not-registered', { timeout: 30_000 });
    // The operator reads a local time span, no engine slot number.
    await expect(panel.locator(`[data-testid="supply-row"][data-slot="${slot}"] td`).first()).toHaveText(/^\d\d:\d\d–\d\d:\d\d( UTC)?$/);
    await panel.getByTestId('wallet-connect').click();
    await expect(panel.getByTestId('wallet-account')).toHaveText('0x7099…79C8');
    await panel.getByTestId('supply-register').click();
    await expect(panel.getByTestId('supply-tx')).toHaveAttribute('data-state', 'reverted');
    await expect(panel.getByTestId('supply-tx')).toContainText(`${ANVIL_ACCOUNT_1} is not a supply registrar of site`);
    await setAccount(page, ANVIL_ACCOUNT_0);
    await expect(panel.getByTestId('supply-register')).toContainText('with your wallet 0xf39F…2266');
    await panel.getByTestId('supply-register').click();
    await expect(panel.getByTestId('supply-tx')).toHaveText(/Confirmed in block \d+/, { timeout: 30_000 });
    const row = panel.locator(`[data-testid="supply-row"][data-slot="${slot}"]`);
    await expect(row).toHaveAttribute('data-state', 'registered');
    // Each registered source is a granular-certificate bundle.
    await expect(row.getByTestId('supply-bundles')).toContainText(/bundles? #\d+/);
  });
});
