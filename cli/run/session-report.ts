import type { ValidationIssue } from '../../src/lib/core/errors';
import type { EngineSnapshot } from '../../src/lib/core/engine/types';

/** At most this many skipped-session issues go into --json (the count is always exact). */
export const MAX_LISTED_ISSUES = 1000;

/** A request the engine refused at its gate (e.g. a stay shorter than one slot): counted in requestedKWh with nothing delivered. */
export type RejectedSession = { id: string; reason: string; requestedKWh: number; gateSlot: number };

/** The engine's rejected requests, for --json (ids and reasons) and the stderr note. */
export function rejectedSessions(snapshot: EngineSnapshot): RejectedSession[] {
  return snapshot.rejected.map((r) => ({ id: r.requestId, reason: r.reason, requestedKWh: r.requestedKWh, gateSlot: r.gateSlot }));
}

/** Parser issues of skipped sessions for --json: `{ where, message }`, the first MAX_LISTED_ISSUES. */
export function skippedList(issues: readonly ValidationIssue[]): { where: string; message: string }[] {
  return issues.slice(0, MAX_LISTED_ISSUES).map((i) => ({ where: i.where, message: i.message }));
}

/** One stderr line naming the first rejected sessions and why. */
export function rejectedNote(rejected: readonly RejectedSession[]): string | undefined {
  if (rejected.length === 0) return undefined;
  const shown = rejected.slice(0, 5).map((r) => `${r.id} (${r.reason})`).join(', ');
  return `note: ${rejected.length} request(s) rejected at their gate, counted as demand with nothing delivered: ${shown}${rejected.length > 5 ? ', …' : ''} (all in --json rejectedSessions)`;
}
