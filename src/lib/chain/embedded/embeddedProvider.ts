import { BaseError as ViemBaseError, type Address, type EIP1193Parameters, type Hex, type LocalAccount, type TypedDataDefinition } from 'viem';
import type { ChainJournal } from './chainJournal';
import type { EmbeddedEvm, RpcLog } from './embeddedEvm';

/**
 * A JSON-RPC error as EIP-1193 providers throw it (code 3 + data = execution reverted). It extends
 * viem's BaseError so viem passes it through as is (a plain error becomes "unknown" and is retried).
 */
export class ProviderRpcError extends ViemBaseError {
  override name = 'ProviderRpcError';
  readonly code: number;
  readonly data?: Hex;
  constructor(code: number, message: string, data?: Hex) {
    super(message);
    this.code = code;
    this.data = data;
  }
}

/** The EIP-1193 surface viem's `custom()` transport and wagmi need. */
export type EmbeddedProvider = {
  request(args: { method: string; params?: unknown }): Promise<unknown>;
  on(event: string, listener: (...args: unknown[]) => void): void;
  removeListener(event: string, listener: (...args: unknown[]) => void): void;
};

/** Parameters of {@link createEmbeddedProvider}. */
export type CreateEmbeddedProviderParameters = {
  evm: EmbeddedEvm;
  /** Local demo accounts the provider signs for (eth_sendTransaction, eth_signTypedData_v4). */
  accounts: LocalAccount[];
  journal: ChainJournal;
  /** Clock for block timestamps, ms. */
  now?: () => number;
};

type TxRequest = { from?: Address; to?: Address; data?: Hex; input?: Hex; value?: Hex; gas?: Hex; nonce?: Hex };

const toQ = (n: bigint | number) => `0x${BigInt(n).toString(16)}` as Hex;
const GAS_MARGIN_NUM = 13n;
const GAS_MARGIN_DEN = 10n;

/** Intrinsic gas the EVM charges before execution (tx base + calldata + create), for estimates. */
function intrinsicGas(data: Hex, isCreate: boolean): bigint {
  let gas = 21_000n;
  for (let i = 2; i < data.length; i += 2) gas += data.slice(i, i + 2) === '00' ? 4n : 16n;
  if (isCreate) gas += 32_000n + 2n * BigInt(Math.ceil((data.length - 2) / 64));
  return gas;
}

/**
 * EIP-1193 provider over the embedded EVM. Requests run one at a time (the VM is not re-entrant);
 * every mined transaction is appended to the journal before the call returns, so it survives reload.
 */
export function createEmbeddedProvider({ evm, accounts, journal, now = Date.now }: CreateEmbeddedProviderParameters): EmbeddedProvider {
  let queue: Promise<unknown> = Promise.resolve();
  const byAddress = new Map(accounts.map((a) => [a.address.toLowerCase(), a]));

  const accountFor = (address: unknown): LocalAccount => {
    const a = byAddress.get(String(address).toLowerCase());
    if (!a) throw new ProviderRpcError(4100, `unknown account ${String(address)}`);
    return a;
  };

  const estimate = async (req: TxRequest): Promise<bigint> => {
    const data = req.data ?? req.input ?? '0x';
    const res = await evm.call({ from: req.from, to: req.to, data, value: req.value ? BigInt(req.value) : 0n });
    if (res.reverted) throw new ProviderRpcError(3, 'execution reverted', res.returnData);
    return ((res.gasUsed + intrinsicGas(data, !req.to)) * GAS_MARGIN_NUM) / GAS_MARGIN_DEN + 10_000n;
  };

  const mine = async (rawTx: Hex): Promise<Hex> => {
    const timestampSec = Math.max(Math.floor(now() / 1000), evm.latestTimestampSec + 1);
    const mined = await evm.mineRawTransaction({ rawTx, timestampSec }).catch((e: Error) => {
      throw new ProviderRpcError(-32000, e.message);
    });
    await journal.append({ rawTx, timestampSec: evm.latestTimestampSec });
    return mined.hash;
  };

  const blockByTag = (tag: unknown) => {
    if (tag === 'latest' || tag === 'pending' || tag === 'safe' || tag === 'finalized' || tag === undefined) return evm.blocks[evm.blocks.length - 1];
    if (tag === 'earliest') return evm.blocks[0];
    return evm.blocks[Number(BigInt(tag as string))];
  };

  const handle = async (method: string, params: unknown[]): Promise<unknown> => {
    switch (method) {
      case 'eth_chainId':
        return toQ(evm.chainId);
      case 'net_version':
        return String(evm.chainId);
      case 'web3_clientVersion':
        return 'GreenSlot-embedded/1 (@ethereumjs/vm)';
      case 'eth_accounts':
      case 'eth_requestAccounts':
        return accounts.map((a) => a.address);
      case 'eth_blockNumber':
        return toQ(evm.blockNumber);
      case 'eth_gasPrice':
      case 'eth_maxPriorityFeePerGas':
        return '0x0';
      case 'eth_feeHistory':
        return { oldestBlock: toQ(evm.blockNumber), baseFeePerGas: ['0x0', '0x0'], gasUsedRatio: [0], reward: [['0x0']] };
      case 'eth_getBalance':
        return toQ(await evm.balanceOf(params[0] as Address));
      case 'eth_getCode':
        return evm.codeAt(params[0] as Address);
      case 'eth_getTransactionCount':
        return toQ(await evm.nonceOf(params[0] as Address));
      case 'eth_getBlockByNumber':
      case 'eth_getBlockByHash': {
        const b = method === 'eth_getBlockByHash' ? evm.blocks.find((x) => x.hash === params[0]) : blockByTag(params[0]);
        if (!b) return null;
        return params[1] ? { ...b.rpc, transactions: b.txHashes.map((h) => evm.txs.get(h)?.tx) } : b.rpc;
      }
      case 'eth_getTransactionByHash':
        return evm.txs.get(params[0] as Hex)?.tx ?? null;
      case 'eth_getTransactionReceipt':
        return evm.txs.get(params[0] as Hex)?.receipt ?? null;
      case 'eth_call': {
        const req = params[0] as TxRequest;
        const res = await evm.call({ from: req.from, to: req.to, data: req.data ?? req.input, value: req.value ? BigInt(req.value) : 0n });
        if (res.reverted) throw new ProviderRpcError(3, 'execution reverted', res.returnData);
        return res.returnData;
      }
      case 'eth_estimateGas':
        return toQ(await estimate(params[0] as TxRequest));
      case 'eth_sendRawTransaction':
        return mine(params[0] as Hex);
      case 'eth_sendTransaction': {
        const req = params[0] as TxRequest;
        const account = accountFor(req.from);
        const data = req.data ?? req.input;
        const gas = req.gas ? BigInt(req.gas) : await estimate({ ...req, from: account.address });
        const nonce = req.nonce ? Number(BigInt(req.nonce)) : Number(await evm.nonceOf(account.address));
        const raw = await account.signTransaction!({
          chainId: evm.chainId,
          type: 'eip1559',
          to: req.to,
          data,
          value: req.value ? BigInt(req.value) : 0n,
          gas,
          nonce,
          maxFeePerGas: 0n,
          maxPriorityFeePerGas: 0n
        });
        return mine(raw);
      }
      case 'eth_signTypedData_v4': {
        const account = accountFor(params[0]);
        const typed = (typeof params[1] === 'string' ? JSON.parse(params[1]) : params[1]) as TypedDataDefinition;
        return account.signTypedData!(typed);
      }
      case 'personal_sign':
        return accountFor(params[1]).signMessage!({ message: { raw: params[0] as Hex } });
      case 'eth_getLogs':
        return getLogs(evm, params[0] as LogFilter);
      case 'wallet_switchEthereumChain':
        if (Number(BigInt((params[0] as { chainId: Hex }).chainId)) !== evm.chainId) throw new ProviderRpcError(4902, 'the embedded chain has one chain id');
        return null;
      default:
        throw new ProviderRpcError(4200, `method ${method} is not supported by the embedded chain`);
    }
  };

  return {
    request: ({ method, params }: EIP1193Parameters | { method: string; params?: unknown }) => {
      const run = queue.then(() => handle(method, (params as unknown[] | undefined) ?? []));
      queue = run.catch(() => undefined);
      return run;
    },
    on: () => undefined,
    removeListener: () => undefined
  };
}

type LogFilter = { address?: Address | Address[]; topics?: (Hex | Hex[] | null)[]; fromBlock?: Hex | string; toBlock?: Hex | string; blockHash?: Hex };

function getLogs(evm: EmbeddedEvm, filter: LogFilter): RpcLog[] {
  const resolve = (tag: string | undefined, fallback: bigint) =>
    tag === undefined || tag === 'latest' || tag === 'pending' ? fallback : tag === 'earliest' ? 0n : BigInt(tag);
  const from = resolve(filter.fromBlock, evm.blockNumber);
  const to = resolve(filter.toBlock, evm.blockNumber);
  const addresses = filter.address === undefined ? undefined : (Array.isArray(filter.address) ? filter.address : [filter.address]).map((a) => a.toLowerCase());
  const out: RpcLog[] = [];
  for (const block of evm.blocks) {
    if (filter.blockHash ? block.hash !== filter.blockHash : block.number < from || block.number > to) continue;
    for (const h of block.txHashes) {
      for (const log of evm.txs.get(h)?.receipt.logs ?? []) {
        if (addresses && !addresses.includes(log.address.toLowerCase())) continue;
        const topicsMatch = (filter.topics ?? []).every((want, i) =>
          want === null || want === undefined ? true : (Array.isArray(want) ? want : [want]).some((t) => t.toLowerCase() === log.topics[i]?.toLowerCase())
        );
        if (topicsMatch) out.push(log);
      }
    }
  }
  return out;
}
