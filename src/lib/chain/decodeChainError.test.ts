import { ContractFunctionRevertedError, encodeErrorResult, UserRejectedRequestError } from 'viem';
import { describe, expect, it } from 'vitest';
import { decodeChainError } from './decodeChainError';
import { greenClaimLedgerAbi } from './generated/greenClaimLedgerAbi';
import { toBytes32Id } from './toBytes32Id';

const site = toBytes32Id({ id: 'site-A' });
const session = toBytes32Id({ id: 's-1' });

describe('decodeChainError', () => {
  it('explains a green slot claimed twice from raw revert data', () => {
    const data = encodeErrorResult({ abi: greenClaimLedgerAbi, errorName: 'InsufficientGreenSupply', args: [site, 29_926_500n, 1500n, 250n] });
    const d = decodeChainError({ error: Object.assign(new Error('execution reverted'), { code: 3, data }) });
    expect(d).toMatchObject({ kind: 'reverted', errorName: 'InsufficientGreenSupply', args: [site, 29_926_500n, 1500n, 250n] });
    expect(d.message).toBe('Slot 2026-11-25 07:00 UTC: 1.5 kWh of green energy claimed, but only 0.25 kWh of registered green supply is left. That green energy was already claimed (or never registered).');
  });

  it('decodes viem ContractFunctionRevertedError in the cause chain', () => {
    const data = encodeErrorResult({ abi: greenClaimLedgerAbi, errorName: 'SessionAlreadyAttested', args: [session] });
    const reverted = new ContractFunctionRevertedError({ abi: greenClaimLedgerAbi, data, functionName: 'attestSession' });
    const d = decodeChainError({ error: new Error('outer', { cause: reverted }) });
    expect(d.errorName).toBe('SessionAlreadyAttested');
    expect(d.message).toMatch(/already attested; a session can be attested only once/);
  });

  it('names the missing operator role (OpenZeppelin AccessControl error)', () => {
    const account = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
    const data = encodeErrorResult({ abi: greenClaimLedgerAbi, errorName: 'AccessControlUnauthorizedAccount', args: [account, site] });
    expect(decodeChainError({ error: data }).message).toBe(`${account} is not an operator of this ledger.`);
  });

  it('has a plain message for every custom error of the ledger', () => {
    const errors = greenClaimLedgerAbi.filter((x) => x.type === 'error').map((x) => x.name);
    for (const name of errors.filter((n) => !['InvalidShortString', 'StringTooLong', 'AccessControlBadConfirmation'].includes(n))) {
      const item = greenClaimLedgerAbi.find((x) => x.type === 'error' && x.name === name)!;
      const args = ('inputs' in item ? item.inputs : []).map((i) =>
        i.type === 'address' ? '0x0000000000000000000000000000000000000001' : i.type === 'bytes32' ? site : 1n
      );
      const data = encodeErrorResult({ abi: greenClaimLedgerAbi, errorName: name, args } as never);
      const d = decodeChainError({ error: data });
      expect(d.message, name).not.toMatch(/The ledger refused/);
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
