/**
 * Gas benchmark (issue 9): gas per attested session of GreenClaimLedger v2 — one `anchor` per gate for
 * 1 / 10 / 100 / 1,000 receipts, `claimWithProof`, `claim` with a site signature — against v1's
 * per-session `attestSession` (v1 compiled from contracts/bench). Runs on the app's in-process EVM
 * (@ethereumjs/vm, Cancun); gas is deterministic, so each figure is measured once (means over the
 * transactions of a scenario, with min/max).
 */
import { join } from 'node:path';
import { createWalletClient, custom, defineChain, encodeDeployData, getAddress, keccak256, publicActions, stringToBytes, type Abi, type Address, type Hex } from 'viem';
import { privateKeyToAccount, type PrivateKeyAccount } from 'viem/accounts';
import { compileSolidity, contractsDir } from '../../contracts/scripts/compile';
import { memoryJournal } from '../../src/lib/chain/embedded/chainJournal';
import { EmbeddedEvm } from '../../src/lib/chain/embedded/embeddedEvm';
import { createEmbeddedProvider } from '../../src/lib/chain/embedded/embeddedProvider';
import { greenClaimLedgerAbi } from '../../src/lib/chain/generated/greenClaimLedgerAbi';
import { greenClaimLedgerBytecode } from '../../src/lib/chain/generated/greenClaimLedgerBytecode';
import { meteredReceiptDigest, meteredReceiptTypedData, type MeteredReceipt } from '../../src/lib/chain/meteredReceiptTypedData';
import { receiptMerkleTree } from '../../src/lib/chain/receiptMerkleTree';
import { DEMO_ISSUING_BODY, SITE_ROLES } from '../../src/lib/chain/registerSite';
import type { GasRow } from './gas-results';

const CHAIN_ID = 31337;
/** 2027-01-15T00:00Z in minutes since the epoch: the benchmark's day of 96 slots of 15 minutes. */
const DAY0 = 29_999_520n;
const SLOTS_PER_DAY = 96;
const SLOTS_PER_SESSION = 4;
const WH_PER_CLAIM = 500n;
const DELIVERED_WH = 11_000n;
const SUPPLY_WH = 1_000_000_000n;
const SITE = keccak256(stringToBytes('bench-site'));
const STATION = keccak256(stringToBytes('bench-evse'));
const account = (label: string) => privateKeyToAccount(keccak256(stringToBytes(`greenslot gas bench ${label}`)));

/** v1's EIP-712 attestation (domain version 1), as contracts/bench/GreenClaimLedgerV1.sol hashes it. */
const v1Types = {
  Attestation: [
    { name: 'sessionId', type: 'bytes32' },
    { name: 'siteId', type: 'bytes32' },
    { name: 'stationId', type: 'bytes32' },
    { name: 'firstSlot', type: 'uint64' },
    { name: 'lastSlot', type: 'uint64' },
    { name: 'deliveredWh', type: 'uint64' },
    { name: 'claimSlots', type: 'uint64[]' },
    { name: 'claimWh', type: 'uint64[]' },
    { name: 'receiptHash', type: 'bytes32' },
    { name: 'driver', type: 'address' }
  ]
} as const;

/** First 15-min slot index of session `i`: sessions spread over the day, several per slot (as in a gate). */
const firstSlotOf = (i: number) => (i % (SLOTS_PER_DAY / SLOTS_PER_SESSION)) * SLOTS_PER_SESSION;
const slotMinute = (slot: number) => DAY0 + BigInt(slot * 15);

const mean = (xs: readonly bigint[]) => Number(xs.reduce((a, b) => a + b, 0n)) / xs.length;
const min = (xs: readonly bigint[]) => Number(xs.reduce((a, b) => (b < a ? b : a)));
const max = (xs: readonly bigint[]) => Number(xs.reduce((a, b) => (b > a ? b : a)));

/** Parameters of {@link runGas}. */
export type RunGasParameters = { quick?: boolean; log?: (line: string) => void };

/** Measures every scenario on fresh in-process chains; returns the table rows and notes. */
export async function runGas({ quick = false, log = () => undefined }: RunGasParameters = {}): Promise<{ rows: GasRow[]; notes: string[] }> {
  const sessions = quick ? 8 : 100;
  const proofClaims = quick ? 3 : 20;
  const perAnchor = quick ? [1, 10, 100] : [1, 10, 100, 1000];

  const operator = account('operator');
  const drivers = Array.from({ length: 10 }, (_, i) => account(`driver ${i}`));
  const evm = await EmbeddedEvm.create({ chainId: CHAIN_ID, fundedAccounts: [operator, ...drivers].map((a) => a.address) });
  let clock = 1_800_000_000_000;
  const provider = createEmbeddedProvider({ evm, accounts: [operator, ...drivers], journal: memoryJournal(), now: () => (clock += 12_000) });
  const chain = defineChain({ id: CHAIN_ID, name: 'gas-bench', nativeCurrency: { name: 'E', symbol: 'E', decimals: 18 }, rpcUrls: { default: { http: ['http://x.invalid'] } } });
  const client = createWalletClient({ chain, transport: custom(provider) }).extend(publicActions);
  const deadline = BigInt(Math.floor(clock / 1000)) + 30n * 86_400n;

  const deploy = async (abi: Abi, bytecode: Hex, args: readonly unknown[]) => {
    const hash = await client.sendTransaction({ account: operator.address, data: encodeDeployData({ abi, bytecode, args } as never) });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 5 });
    if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error('gas bench: deployment failed');
    return getAddress(receipt.contractAddress);
  };
  /** Sends one transaction and returns its total gas (receipt gasUsed). */
  const gasOf = async (from: PrivateKeyAccount, address: Address, abi: Abi, functionName: string, args: readonly unknown[]) => {
    const hash = await client.writeContract({ account: from.address, address, abi, functionName, args } as never);
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 5 });
    if (receipt.status !== 'success') throw new Error(`gas bench: ${functionName} reverted`);
    return receipt.gasUsed;
  };

  // ---- v1: registerGreenSupply + per-session attestSession (driver-signed, driver submits)
  log('gas: v1 ledger');
  const { GreenClaimLedgerV1: v1 } = compileSolidity({ dir: join(contractsDir, 'bench'), prefix: 'bench' });
  const v1Abi = v1.abi as Abi;
  const v1Address = await deploy(v1Abi, v1.bytecode, [operator.address, operator.address]);
  const v1Supply: bigint[] = [];
  for (let from = 0; from < SLOTS_PER_DAY; from += 24) {
    const entries = Array.from({ length: 24 }, (_, k) => ({ siteId: SITE, slot: slotMinute(from + k), greenWh: SUPPLY_WH, sourceWh: [SUPPLY_WH, 0n, 0n, 0n], evidenceHash: keccak256(stringToBytes(`meter ${from + k}`)) }));
    v1Supply.push((await gasOf(operator, v1Address, v1Abi, 'registerGreenSupply', [entries])) / 24n);
  }
  const v1Gas: bigint[] = [];
  for (let i = 0; i < sessions; i++) {
    const driver = drivers[i % drivers.length];
    const first = firstSlotOf(i);
    const slots = Array.from({ length: SLOTS_PER_SESSION }, (_, k) => slotMinute(first + k));
    const attestation = {
      sessionId: keccak256(stringToBytes(`v1 session ${i}`)),
      siteId: SITE,
      stationId: STATION,
      firstSlot: slots[0],
      lastSlot: slots[slots.length - 1],
      deliveredWh: DELIVERED_WH,
      claimSlots: slots,
      claimWh: slots.map(() => WH_PER_CLAIM),
      receiptHash: keccak256(stringToBytes(`v1 receipt ${i}`)),
      driver: driver.address
    };
    const signature = await driver.signTypedData({ domain: { name: 'GreenSlot', version: '1', chainId: CHAIN_ID, verifyingContract: v1Address }, types: v1Types, primaryType: 'Attestation', message: attestation });
    v1Gas.push(await gasOf(driver, v1Address, v1Abi, 'attestSession', [attestation, signature]));
  }
  const v1PerSession = mean(v1Gas);
  const pct = (gas: number) => (gas / v1PerSession) * 100;

  // ---- v2: site, supply, claims
  log('gas: v2 ledger');
  const abi = greenClaimLedgerAbi as Abi;
  const ledger = await deploy(abi, greenClaimLedgerBytecode, [operator.address, 0]);
  await gasOf(operator, ledger, abi, 'registerSite', [SITE, operator.address, DEMO_ISSUING_BODY]);
  await gasOf(operator, ledger, abi, 'grantSiteRole', [SITE, SITE_ROLES.SUPPLY_REGISTRAR, operator.address]);
  await gasOf(operator, ledger, abi, 'grantSiteRole', [SITE, SITE_ROLES.METERING_SIGNER, operator.address]);
  const v2Supply: bigint[] = [];
  for (let from = 0; from < SLOTS_PER_DAY; from += 24) {
    const slots = Array.from({ length: 24 }, (_, k) => ({ startMinute: slotMinute(from + k), lengthMinutes: 15, deviceId: keccak256(stringToBytes('pv')), evidenceHash: keccak256(stringToBytes(`meter ${from + k}`)), sourceWh: [SUPPLY_WH, 0n, 0n, 0n] }));
    v2Supply.push((await gasOf(operator, ledger, abi, 'registerSupply', [SITE, slots])) / 24n);
  }
  const receiptOf = (label: string, i: number): MeteredReceipt => {
    const first = firstSlotOf(i);
    return {
      siteId: SITE,
      sessionId: keccak256(stringToBytes(`${label} session ${i}`)),
      stationId: STATION,
      beneficiary: drivers[i % drivers.length].address,
      startMinute: slotMinute(first),
      endMinute: slotMinute(first + SLOTS_PER_SESSION),
      deliveredWh: DELIVERED_WH,
      claims: Array.from({ length: SLOTS_PER_SESSION }, (_, k) => ({ startMinute: slotMinute(first + k), lengthMinutes: 15, source: 0, wh: WH_PER_CLAIM })),
      receiptHash: keccak256(stringToBytes(`${label} receipt ${i}`)),
      revision: 0,
      deadline
    };
  };
  const digestOf = (r: MeteredReceipt) => meteredReceiptDigest({ metered: r, chainId: CHAIN_ID, verifyingContract: ledger });

  const claimGas: bigint[] = [];
  for (let i = 0; i < sessions; i++) {
    const r = receiptOf('signed', i);
    const siteSig = await operator.signTypedData(meteredReceiptTypedData({ metered: r, chainId: CHAIN_ID, verifyingContract: ledger }));
    claimGas.push(await gasOf(drivers[i % drivers.length], ledger, abi, 'claim', [r, siteSig, '0x']));
  }

  const rows: GasRow[] = [
    { scenario: 'v1 attestSession (driver-signed attestation, per session)', ledger: 'v1', sessionsPerAnchor: null, txs: v1Gas.length, gasPerTx: v1PerSession, gasPerSession: v1PerSession, pctOfV1: 100, minGas: min(v1Gas), maxGas: max(v1Gas), includes: 'whole tx: 21,000 intrinsic + calldata (attestation with 4 slots + 65-byte signature) + execution and storage of 4 claims' }
  ];
  for (const n of perAnchor) {
    log(`gas: anchor ${n} receipts`);
    const receipts = Array.from({ length: n }, (_, i) => receiptOf(`anchor ${n}`, i));
    const digests = receipts.map(digestOf);
    // The app's own tree (leaf encoding and all), so the figures are what an operator's anchor costs.
    const tree = receiptMerkleTree({ digests });
    const anchorGas = await gasOf(operator, ledger, abi, 'anchor', [SITE, tree.root, DAY0, 1440, n]);
    rows.push({ scenario: 'v2 anchor (one root per gate)', ledger: 'v2', sessionsPerAnchor: n, txs: 1, gasPerTx: Number(anchorGas), gasPerSession: Number(anchorGas) / n, pctOfV1: pct(Number(anchorGas) / n), minGas: Number(anchorGas), maxGas: Number(anchorGas), includes: 'whole anchor tx (21,000 intrinsic + calldata + one stored root record) ÷ receipts in the root' });
    const picks = Array.from(new Set(Array.from({ length: Math.min(proofClaims, n) }, (_, k) => Math.floor((k * n) / Math.min(proofClaims, n)))));
    const proofGas: bigint[] = [];
    for (const i of picks) {
      const proof = tree.proofOf(digests[i]);
      proofGas.push(await gasOf(drivers[i % drivers.length], ledger, abi, 'claimWithProof', [receipts[i], tree.root, proof, '0x']));
    }
    const proofMean = mean(proofGas);
    rows.push({ scenario: 'v2 claimWithProof (driver claims on chain)', ledger: 'v2', sessionsPerAnchor: n, txs: proofGas.length, gasPerTx: proofMean, gasPerSession: proofMean, pctOfV1: pct(proofMean), minGas: min(proofGas), maxGas: max(proofGas), includes: `whole tx: calldata (receipt with 4 green claims + ${Math.ceil(Math.log2(Math.max(n, 1)))}-hash proof, no countersignature: the driver sends it) + proof check + 4 bundle cancellations + claim record` });
    rows.push({ scenario: 'v2 anchor + every driver claims by proof', ledger: 'v2', sessionsPerAnchor: n, txs: 1 + proofGas.length, gasPerTx: Number(anchorGas) / n + proofMean, gasPerSession: Number(anchorGas) / n + proofMean, pctOfV1: pct(Number(anchorGas) / n + proofMean), minGas: min(proofGas), maxGas: max(proofGas), includes: 'anchor share per session + one claimWithProof' });
  }
  rows.push({ scenario: 'v2 claim (site-signed receipt, no anchor)', ledger: 'v2', sessionsPerAnchor: null, txs: claimGas.length, gasPerTx: mean(claimGas), gasPerSession: mean(claimGas), pctOfV1: pct(mean(claimGas)), minGas: min(claimGas), maxGas: max(claimGas), includes: 'whole tx: calldata (receipt + 65-byte site signature) + ECDSA recovery + 4 bundle cancellations + claim record' });
  const v1SupplyMean = mean(v1Supply);
  rows.push({ scenario: 'v1 registerGreenSupply, per 15-min slot', ledger: 'v1', sessionsPerAnchor: null, txs: v1Supply.length, gasPerTx: v1SupplyMean * 24, gasPerSession: v1SupplyMean, pctOfV1: null, minGas: min(v1Supply) * 24, maxGas: max(v1Supply) * 24, includes: 'per slot (not per session): 24-slot batches, tx gas ÷ 24, one source' });
  rows.push({ scenario: 'v2 registerSupply, per 15-min slot', ledger: 'v2', sessionsPerAnchor: null, txs: v2Supply.length, gasPerTx: mean(v2Supply) * 24, gasPerSession: mean(v2Supply), pctOfV1: null, minGas: min(v2Supply) * 24, maxGas: max(v2Supply) * 24, includes: `per slot (not per session): 24-slot batches, tx gas ÷ 24, one source = one bundle; ${((mean(v2Supply) / v1SupplyMean) * 100).toFixed(0)} % of v1 per slot` });

  const at100 = rows.find((r) => r.scenario.startsWith('v2 anchor (') && r.sessionsPerAnchor === 100);
  const notes = [
    'Gas = the transaction receipt\'s gasUsed on @ethereumjs/vm 10.1.3 (hardfork Cancun, as the embedded demo chain): 21,000 intrinsic + calldata (4 gas per zero byte, 16 per non-zero) + execution and storage, after refunds. Gas is deterministic: every figure is one measurement per transaction, averaged over the scenario\'s transactions (min/max shown).',
    `A session = one charging receipt over 4 consecutive 15-min slots with 4 green claims of ${WH_PER_CLAIM} Wh (SOLAR), ${DELIVERED_WH} Wh delivered; ${sessions} sessions spread over the 96 slots of one day, ${drivers.length} driver wallets, each driver sends its own transaction (v1: the driver-signed attestation; v2: no countersignature needed).`,
    'An anchored receipt is attested (its site-signed figures are fixed on chain by the root; /verify checks it offline); claimWithProof additionally cancels its Wh id ranges on chain, which is optional per driver.',
    `Target (issue 9): v2 gas per attested session at 100 sessions per anchor ≤ 5 % of v1's attestSession: ${at100 ? `${Math.round(at100.gasPerSession)} gas = ${at100.pctOfV1?.toFixed(2)} % → ${at100.pctOfV1! <= 5 ? 'met' : '**not met**'}` : 'not measured'}.`
  ];
  return { rows, notes };
}
