import { createBlock, type Block } from '@ethereumjs/block';
import { Hardfork, Mainnet, createCustomCommon } from '@ethereumjs/common';
import { createTxFromRLP, type TypedTransaction } from '@ethereumjs/tx';
import { Account, createAddressFromString, type Address as EjsAddress } from '@ethereumjs/util';
import { createVM, runTx, type VM } from '@ethereumjs/vm';
import { bytesToHex, hexToBytes, keccak256, type Address, type Hex } from 'viem';

/** A log as returned by eth_getLogs / in receipts. */
export type RpcLog = {
  address: Address;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  transactionIndex: Hex;
  logIndex: Hex;
  removed: false;
};

/** A mined transaction with its receipt, in JSON-RPC shape. */
export type MinedTx = {
  hash: Hex;
  raw: Hex;
  tx: Record<string, unknown>;
  receipt: Record<string, unknown> & { logs: RpcLog[] };
};

/** A block in JSON-RPC shape (one transaction per block: the embedded chain automines). */
export type MinedBlock = { number: bigint; hash: Hex; timestampSec: number; rpc: Record<string, unknown>; txHashes: Hex[] };

/** Result of a read-only call. */
export type CallResult = { reverted: boolean; returnData: Hex; gasUsed: bigint; error?: string };

const toQ = (n: bigint | number) => `0x${BigInt(n).toString(16)}` as Hex;
const BLOCK_GAS_LIMIT = 30_000_000n;
const ZERO_HASH = `0x${'00'.repeat(32)}` as Hex;

/** Parameters of {@link createEmbeddedEvm}. */
export type CreateEmbeddedEvmParameters = {
  chainId: number;
  /** Accounts funded at genesis (demo ether, no value). */
  fundedAccounts: Address[];
  genesisTimestampSec?: number;
};

/**
 * A minimal automining chain on @ethereumjs/vm: one block per transaction, base fee 0, receipts and
 * logs kept in memory. The JSON-RPC surface lives in embeddedProvider.ts.
 */
export class EmbeddedEvm {
  readonly chainId: number;
  readonly blocks: MinedBlock[] = [];
  readonly txs = new Map<Hex, MinedTx>();
  #vm: VM;
  #common: ReturnType<typeof createCustomCommon>;

  private constructor(chainId: number, vm: VM, common: ReturnType<typeof createCustomCommon>) {
    this.chainId = chainId;
    this.#vm = vm;
    this.#common = common;
  }

  /** Creates the VM, funds the demo accounts and mines the genesis block. */
  static async create({ chainId, fundedAccounts, genesisTimestampSec = 1_700_000_000 }: CreateEmbeddedEvmParameters): Promise<EmbeddedEvm> {
    const common = createCustomCommon({ chainId }, Mainnet, { hardfork: Hardfork.Cancun });
    const vm = await createVM({ common });
    for (const a of fundedAccounts) {
      await vm.stateManager.putAccount(createAddressFromString(a), new Account(0n, 10n ** 24n));
    }
    const evm = new EmbeddedEvm(chainId, vm, common);
    const genesis = evm.#makeBlock(0n, genesisTimestampSec);
    evm.#pushBlock(genesis, genesisTimestampSec, []);
    return evm;
  }

  /** Number of the latest block. */
  get blockNumber(): bigint {
    return this.blocks[this.blocks.length - 1].number;
  }

  /** Timestamp of the latest block, seconds. */
  get latestTimestampSec(): number {
    return this.blocks[this.blocks.length - 1].timestampSec;
  }

  #makeBlock(number: bigint, timestampSec: number, parentHash: Hex = ZERO_HASH): Block {
    return createBlock(
      { header: { number, timestamp: BigInt(timestampSec), gasLimit: BLOCK_GAS_LIMIT, baseFeePerGas: 0n, parentHash: hexToBytes(parentHash) } },
      { common: this.#common }
    );
  }

  #pushBlock(block: Block, timestampSec: number, txHashes: Hex[], gasUsed = 0n): MinedBlock {
    const hash = bytesToHex(block.hash());
    const number = block.header.number;
    const rpc = {
      number: toQ(number),
      hash,
      parentHash: bytesToHex(block.header.parentHash),
      timestamp: toQ(timestampSec),
      gasLimit: toQ(BLOCK_GAS_LIMIT),
      gasUsed: toQ(gasUsed),
      baseFeePerGas: '0x0',
      miner: `0x${'00'.repeat(20)}`,
      difficulty: '0x0',
      totalDifficulty: '0x0',
      extraData: '0x',
      logsBloom: `0x${'00'.repeat(256)}`,
      nonce: '0x0000000000000000',
      mixHash: ZERO_HASH,
      sha3Uncles: ZERO_HASH,
      stateRoot: ZERO_HASH,
      transactionsRoot: ZERO_HASH,
      receiptsRoot: ZERO_HASH,
      size: '0x0',
      uncles: [],
      transactions: txHashes
    };
    const mined = { number, hash, timestampSec, rpc, txHashes };
    this.blocks.push(mined);
    return mined;
  }

  /** Mines one signed raw transaction in a new block; reverted transactions are mined with status 0. */
  async mineRawTransaction({ rawTx, timestampSec }: { rawTx: Hex; timestampSec: number }): Promise<MinedTx> {
    let tx: TypedTransaction;
    try {
      tx = createTxFromRLP(hexToBytes(rawTx), { common: this.#common });
    } catch (cause) {
      throw new Error(`invalid raw transaction: ${(cause as Error).message}`);
    }
    if (!tx.isSigned()) throw new Error('transaction is not signed');
    const hash = keccak256(rawTx);
    if (this.txs.has(hash)) throw new Error(`already known: ${hash}`);
    const parent = this.blocks[this.blocks.length - 1];
    const ts = Math.max(timestampSec, parent.timestampSec + 1);
    const block = this.#makeBlock(parent.number + 1n, ts, parent.hash);
    const result = await runTx(this.#vm, { tx, block });
    const mined = this.#pushBlock(block, ts, [hash], result.totalGasSpent);
    const from = tx.getSenderAddress().toString() as Address;
    const to = tx.to?.toString() as Address | undefined;
    const logs: RpcLog[] = result.execResult.logs?.map(([address, topics, data], i) => ({
      address: bytesToHex(address) as Address,
      topics: topics.map((t) => bytesToHex(t)),
      data: bytesToHex(data),
      blockNumber: toQ(mined.number),
      blockHash: mined.hash,
      transactionHash: hash,
      transactionIndex: '0x0',
      logIndex: toQ(i),
      removed: false
    })) ?? [];
    const failed = result.execResult.exceptionError !== undefined;
    const txJson = tx.toJSON() as Record<string, unknown>;
    const rpcTx = {
      ...txJson,
      hash,
      from,
      to: to ?? null,
      blockHash: mined.hash,
      blockNumber: toQ(mined.number),
      transactionIndex: '0x0',
      input: txJson.data
    };
    const receipt = {
      transactionHash: hash,
      transactionIndex: '0x0',
      blockHash: mined.hash,
      blockNumber: toQ(mined.number),
      from,
      to: to ?? null,
      contractAddress: !to && !failed && result.createdAddress ? (result.createdAddress.toString() as Address) : null,
      cumulativeGasUsed: toQ(result.totalGasSpent),
      gasUsed: toQ(result.totalGasSpent),
      effectiveGasPrice: '0x0',
      logs,
      logsBloom: bytesToHex(result.bloom.bitvector),
      status: failed ? '0x0' : '0x1',
      type: toQ(tx.type),
      // Kept so a later eth_call-free reader can still decode why a mined transaction reverted.
      revertData: failed ? bytesToHex(result.execResult.returnValue) : undefined
    };
    const minedTx: MinedTx = { hash, raw: rawTx, tx: rpcTx, receipt };
    this.txs.set(hash, minedTx);
    return minedTx;
  }

  /** Runs a call against the latest state without changing it (eth_call / eth_estimateGas). */
  async call({ from, to, data = '0x', value = 0n }: { from?: Address; to?: Address; data?: Hex; value?: bigint }): Promise<CallResult> {
    const parent = this.blocks[this.blocks.length - 1];
    const block = this.#makeBlock(parent.number + 1n, parent.timestampSec + 1, parent.hash);
    const sm = this.#vm.stateManager;
    await sm.checkpoint();
    try {
      const res = await this.#vm.evm.runCall({
        caller: from ? createAddressFromString(from) : undefined,
        to: to ? (createAddressFromString(to) as EjsAddress) : undefined,
        data: hexToBytes(data),
        value,
        gasLimit: BLOCK_GAS_LIMIT,
        block
      });
      const err = res.execResult.exceptionError;
      return {
        reverted: err !== undefined,
        returnData: bytesToHex(res.execResult.returnValue),
        gasUsed: res.execResult.executionGasUsed,
        error: err?.error
      };
    } finally {
      await sm.revert();
    }
  }

  /** Nonce of an account in the latest state. */
  async nonceOf(address: Address): Promise<bigint> {
    return (await this.#vm.stateManager.getAccount(createAddressFromString(address)))?.nonce ?? 0n;
  }

  /** Balance of an account in wei. */
  async balanceOf(address: Address): Promise<bigint> {
    return (await this.#vm.stateManager.getAccount(createAddressFromString(address)))?.balance ?? 0n;
  }

  /** Deployed code at an address. */
  async codeAt(address: Address): Promise<Hex> {
    return bytesToHex(await this.#vm.stateManager.getCode(createAddressFromString(address)));
  }
}
