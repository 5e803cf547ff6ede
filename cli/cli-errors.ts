import { BaseError } from '../src/lib/core/errors';

/** Bad command line (unknown option, missing or malformed value): exit code 2. */
export class UsageError extends BaseError {
  override name = 'UsageError';
}

/** Exit codes of the `greenslot` CLI. */
export const EXIT = { ok: 0, badInput: 1, usage: 2 } as const;
