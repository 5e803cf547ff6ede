import type { GreenSlotDb } from './db';

/** What restarting the demo day would take away from drivers in this browser. */
export type DayRestartImpact = { driverSessions: number; receipts: number };

/**
 * Counts the drivers' own sessions ("My sessions") and the receipts that a restart of the demo day
 * (a replay, or an import that changes the site) clears today. When the running day is archived
 * instead (the drivers' records stream), this is where the count and the words change.
 */
export async function dayRestartImpact({ db }: { db: GreenSlotDb }): Promise<DayRestartImpact> {
  const [driverSessions, receipts] = await Promise.all([db.sessions.filter((s) => s.mine === true).count(), db.receipts.count()]);
  return { driverSessions, receipts };
}

/** The confirmation's words: what will happen, and how many of the drivers' records it affects. Empty when nothing is lost. */
export function dayRestartWarning({ action, impact }: { action: string; impact: DayRestartImpact }): string {
  if (impact.driverSessions === 0 && impact.receipts === 0) return '';
  const parts = [`${impact.driverSessions} driver session(s) in "My sessions"`];
  if (impact.receipts > 0) parts.push(`${impact.receipts} receipt(s)`);
  return `${action} restarts the demo day. The running day is cleared: ${parts.join(' and ')} in this browser will be removed, and their receipt links will no longer open. This cannot be undone.`;
}
