import { ContractFunctionRevertedError, encodeErrorResult, keccak256, stringToBytes, UserRejectedRequestError, type AbiParameter } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeChainError } from './decodeChainError';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';
import { toBytes32Id } from './toBytes32Id';

const site = toBytes32Id({ id: 'site-A' });
const minute = 29_926_500n; // 2026-11-25 07:00 UTC

describe('decodeChainError', () => {
  it('explains a green slot claimed twice from raw revert data (slot, source, Wh)', () => {
    const args = [site, minute, 15, 0, 1500n, 250n] as const;
    const data = encodeErrorResult({ abi: greenClaimLedgerAbi, errorName: 'InsufficientGreenSupply', args });
    const d = decodeChainError({ error: Object.assign(new Error('execution reverted'), { code: 3, data }) });
    expect(d).toMatchObject({ kind: 'reverted', errorName: 'InsufficientGreenSupply', args: [...args] });
    expect(d.message).toBe('Slot 2026-11-25 07:00 UTC (15 min): 1.5 kWh of solar energy claimed, but only 0.25 kWh of registered green supply is left. That green energy was already claimed (or never registered).');
  });

  it('tells a second wallet that the receipt names another beneficiary (viem ContractFunctionRevertedError in the cause chain)', () => {
    const driver = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const data = encodeErrorResult({ abi: greenClaimLedgerAbi, errorName: 'InvalidBeneficiarySignature', args: [driver] });
    const reverted = new ContractFunctionRevertedError({ abi: greenClaimLedgerAbi, data, functionName: 'claim' });
    const d = decodeChainError({ error: new Error('outer', { cause: reverted }) });
    expect(d.errorName).toBe('InvalidBeneficiarySignature');
    expect(d.message).toBe(`This receipt names ${driver} as the beneficiary: only that wallet can claim its green energy, and the signing wallet is another one.`);
  });

  it('names the missing site role (an operator of site A acting on site B)', () => {
    const account = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const data = encodeErrorResult({ abi: greenClaimLedgerAbi, errorName: 'SiteUnauthorizedAccount', args: [site, account, keccak256(stringToBytes('SUPPLY_REGISTRAR'))] });
    expect(decodeChainError({ error: data }).message).toBe(`${account} is not a supply registrar of site ${site.slice(0, 10)}…: it cannot do this there.`);
  });

  it('has a plain message for every error in the ledger ABI (walks the ABI)', () => {
    const errors = greenClaimLedgerAbi.filter((x) => x.type === 'error');
    expect(errors.length).toBeGreaterThan(25);
    const sample = (p: AbiParameter): unknown =>
      p.type === 'address' ? '0x0000000000000000000000000000000000000001'
      : p.type === 'bytes32' ? site
      : p.type === 'string' ? 'field'
      : p.type === 'bytes' ? '0x01'
      : p.type === 'bool' ? true
      : p.type.startsWith('uint') || p.type.startsWith('int') ? 1n
      : (() => { throw new Error(`no sample for ${p.type}`); })();
    for (const item of errors) {
      const data = encodeErrorResult({ abi: greenClaimLedgerAbi, errorName: item.name, args: item.inputs.map(sample) } as never);
      const d = decodeChainError({ error: data });
      expect(d.errorName, item.name).toBe(item.name);
      expect(d.message, item.name).not.toMatch(/The ledger refused|undefined|NaN/);
    }
  });

  it('reports a wallet rejection as rejected, not as an error', () => {
    const d = decodeChainError({ error: new UserRejectedRequestError(new Error('User denied')) });
    expect(d).toEqual({ kind: 'rejected', message: 'You rejected the request in your wallet.' });
    expect(decodeChainError({ error: { code: 4001, message: 'denied' } }).kind).toBe('rejected');
  });

  it('error: unknown revert data and plain errors stay readable', () => {
    expect(decodeChainError({ error: '0xdeadbeef' }).message).toBe('The transaction was reverted (unknown error 0xdeadbeef).');
    expect(decodeChainError({ error: new Error('network down') })).toEqual({ kind: 'unknown', message: 'network down' });
  });
});
