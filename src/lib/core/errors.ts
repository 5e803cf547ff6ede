/**
 * One error family for GreenSlot (viem style): a short message for people, details for logs.
 * Ordinary outcomes (infeasible, time-limited, partially met demand) are values, never errors;
 * these are for bad input and broken invariants only.
 */
export type BaseErrorParameters = {
  /** Extra lines shown under the short message. */
  details?: string;
  /** The error that caused this one. */
  cause?: unknown;
};

/** Base class of every error GreenSlot throws on purpose. */
export class BaseError extends Error {
  override name = 'GreenSlotError';
  readonly shortMessage: string;
  readonly details: string | undefined;

  constructor(shortMessage: string, { details, cause }: BaseErrorParameters = {}) {
    super(details ? `${shortMessage}\n\n${details}` : shortMessage, cause === undefined ? undefined : { cause });
    this.shortMessage = shortMessage;
    this.details = details;
  }
}

/** One problem found while validating input: where it is and what was expected. */
export type ValidationIssue = {
  /** File name (or "input") the problem is in. */
  file: string;
  /** JSON path like `$.nodes[2].limitKw`, or `line 14` for CSV. */
  where: string;
  /** Plain-words reason, saying what was expected. */
  message: string;
};

/** Thrown when input as a whole cannot be used (imports are all-or-nothing). */
export class ValidationError extends BaseError {
  override name = 'ValidationError';
  readonly issues: ValidationIssue[];

  constructor(issues: ValidationIssue[], { cause }: { cause?: unknown } = {}) {
    const head = issues[0];
    const short = head
      ? `${head.file} ${head.where}: ${head.message}`
      : 'Invalid input';
    const more = issues.length > 1 ? issues.slice(1, 20).map((i) => `${i.file} ${i.where}: ${i.message}`).join('\n') : undefined;
    super(issues.length > 1 ? `${short} (and ${issues.length - 1} more)` : short, { details: more, cause });
    this.issues = issues;
  }
}
