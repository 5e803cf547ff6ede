import { describe, expect, it } from 'vitest';
import { runCliCaptured } from './testing/run-cli-captured';

describe('greenslot (top level)', () => {
  it('prints the command list and exits 0 without arguments', async () => {
    const run = await runCliCaptured([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/simulate[\s\S]*replay[\s\S]*bench/);
  });

  it.each([['simulate'], ['replay'], ['bench']])('prints usage for "%s --help" and exits 0', async (name) => {
    const run = await runCliCaptured([name, '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: greenslot ${name}`);
  });

  it('error: an unknown command exits 2', async () => {
    const run = await runCliCaptured(['optimise']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown command "optimise"');
  });

  it('error: an unknown option exits 2 and points to --help', async () => {
    const run = await runCliCaptured(['bench', '--turbo']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--turbo[\s\S]*greenslot bench --help/);
  });

  it('error: a malformed number exits 2 naming the option', async () => {
    const run = await runCliCaptured(['simulate', '--evs', 'many']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--evs expects an integer');
  });
});
