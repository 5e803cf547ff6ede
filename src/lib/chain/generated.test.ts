import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileContracts, generatedDir, renderGenerated } from '../../../contracts/scripts/compile';

describe('generated ABI and bytecode', () => {
  it('match a fresh compile of contracts/src (run `npm run contracts:build` when this fails), deployable under the 24,576-byte code limit', () => {
    const compiled = compileContracts();
    // EIP-170: a deployed contract holds at most 24,576 bytes of code, else mainnet-style chains refuse it.
    expect((compiled.GreenClaimLedger.deployedBytecode.length - 2) / 2).toBeLessThanOrEqual(24_576);
    const files = renderGenerated(compiled);
    expect(Object.keys(files).sort()).toEqual(['greenClaimLedgerAbi.ts', 'greenClaimLedgerBytecode.ts']);
    for (const [name, content] of Object.entries(files)) {
      const onDisk = readFileSync(join(generatedDir, name), 'utf8');
      expect(onDisk === content, `src/lib/chain/generated/${name} is stale: run npm run contracts:build`).toBe(true);
    }
  });
});
