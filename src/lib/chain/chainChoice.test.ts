import { describe, expect, it } from 'vitest';
import {
  chainChoiceKey,
  chainIdOfChoice,
  chainOptions,
  DEFAULT_ANVIL_RPC_URL,
  ledgerTargetForChoice,
  parseChainChoice,
  rpcUrlIssue,
  serializeChainChoice,
  type ChainChoice
} from './chainChoice';

const anvilLedger = '0x5FbDB2315678afecb367f032d93F642f64180aa3';

describe('chainOptions', () => {
  it('lists the demo chain first, then anvil, Volta and Sepolia, and marks chains without a ledger address as not deployed', () => {
    const options = chainOptions({ addresses: { 1337: 'embedded', 31337: anvilLedger, 73799: undefined, 11155111: undefined } });
    expect(options.map((o) => [o.kind, o.chainId, o.deployed, o.needsWallet])).toEqual([
      ['embedded', 1337, true, false],
      ['anvil', 31337, true, true],
      ['volta', 73799, false, true],
      ['sepolia', 11155111, false, true]
    ]);
    expect(options[2].label).toMatch(/no ledger deployed$/);
    expect(options[1].label).not.toMatch(/no ledger deployed/);
  });

  it('enables a public testnet as soon as contractAddresses.ts has its address', () => {
    const options = chainOptions({ addresses: { 1337: 'embedded', 31337: anvilLedger, 73799: anvilLedger, 11155111: undefined } });
    expect(options.find((o) => o.kind === 'volta')?.deployed).toBe(true);
  });
});

describe('parseChainChoice', () => {
  it('round-trips every choice through its stored form', () => {
    const choices: ChainChoice[] = [{ kind: 'embedded' }, { kind: 'anvil', rpcUrl: 'http://10.0.0.2:8545' }, { kind: 'volta' }, { kind: 'sepolia' }];
    for (const choice of choices) expect(parseChainChoice({ raw: serializeChainChoice({ choice }) })).toEqual(choice);
  });

  it('defaults to the demo chain when nothing is stored', () => {
    expect(parseChainChoice({ raw: null })).toEqual({ kind: 'embedded' });
    expect(parseChainChoice({ raw: '' })).toEqual({ kind: 'embedded' });
  });

  it('error: unreadable or unknown stored values fall back to the demo chain instead of failing', () => {
    for (const raw of ['{', 'null', '42', '"anvil"', '{"kind":"mainnet"}', '[]']) expect(parseChainChoice({ raw })).toEqual({ kind: 'embedded' });
  });

  it('error: an anvil choice with a missing or non-http RPC URL gets the default URL', () => {
    expect(parseChainChoice({ raw: '{"kind":"anvil"}' })).toEqual({ kind: 'anvil', rpcUrl: DEFAULT_ANVIL_RPC_URL });
    expect(parseChainChoice({ raw: '{"kind":"anvil","rpcUrl":"javascript:alert(1)"}' })).toEqual({ kind: 'anvil', rpcUrl: DEFAULT_ANVIL_RPC_URL });
    expect(parseChainChoice({ raw: '{"kind":"anvil","rpcUrl":"not a url"}' })).toEqual({ kind: 'anvil', rpcUrl: DEFAULT_ANVIL_RPC_URL });
  });

  it('drops fields a choice does not have', () => {
    expect(parseChainChoice({ raw: '{"kind":"volta","rpcUrl":"http://x"}' })).toEqual({ kind: 'volta' });
  });
});

describe('ledgerTargetForChoice', () => {
  const addresses = { 1337: 'embedded', 31337: anvilLedger, 73799: undefined, 11155111: undefined } as const;

  it('opens the embedded chain for the demo choice and the injected wallet with the node URL for anvil', () => {
    expect(ledgerTargetForChoice({ choice: { kind: 'embedded' }, addresses })).toEqual({ kind: 'embedded' });
    expect(ledgerTargetForChoice({ choice: { kind: 'anvil', rpcUrl: 'http://127.0.0.1:9999' }, addresses })).toEqual({ kind: 'injected', chainId: 31337, rpcUrl: 'http://127.0.0.1:9999' });
  });

  it('error: a chain without a deployed ledger has no target (the UI says "no ledger deployed")', () => {
    expect(ledgerTargetForChoice({ choice: { kind: 'volta' }, addresses })).toBeUndefined();
    expect(ledgerTargetForChoice({ choice: { kind: 'sepolia' }, addresses })).toBeUndefined();
    expect(ledgerTargetForChoice({ choice: { kind: 'sepolia' }, addresses: { ...addresses, 11155111: anvilLedger } })).toEqual({ kind: 'injected', chainId: 11155111 });
  });
});

describe('chainChoiceKey and chainIdOfChoice', () => {
  it('change when the chain or the node URL changes', () => {
    expect(chainChoiceKey({ choice: { kind: 'anvil', rpcUrl: 'http://a' } })).not.toBe(chainChoiceKey({ choice: { kind: 'anvil', rpcUrl: 'http://b' } }));
    expect(chainChoiceKey({ choice: { kind: 'embedded' } })).not.toBe(chainChoiceKey({ choice: { kind: 'volta' } }));
    expect(chainIdOfChoice({ choice: { kind: 'volta' } })).toBe(73799);
  });
});

describe('rpcUrlIssue', () => {
  it('accepts http and https node URLs (spaces around them are ignored)', () => {
    expect(rpcUrlIssue({ rpcUrl: 'http://10.0.0.2:8545' })).toBeUndefined();
    expect(rpcUrlIssue({ rpcUrl: ' https://rpc.example/v1 ' })).toBeUndefined();
  });

  it('error: an empty or non-http URL is named with what was expected', () => {
    expect(rpcUrlIssue({ rpcUrl: '  ' })).toBe('RPC URL: expected an http(s) URL such as http://127.0.0.1:8545, got nothing');
    expect(rpcUrlIssue({ rpcUrl: 'localhost:8545' })).toMatch(/^RPC URL: expected an http\(s\) URL .*got "localhost:8545"$/);
  });
});
