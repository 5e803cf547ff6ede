import type { ImportRow } from './db';
import { formatDay, formatTime } from '$lib/components/format';

/** An import's report row with what later versions add (older rows lack these; Dexie stores any field). */
export type ImportReport = ImportRow & {
  /** Rows (CSV lines, JSON records, EVSEs) that were left out: one row can have several problems. */
  leftOutRows?: number;
  /** A session log's own IANA time zone (the mapping's, or the format's): its times of day are local there. */
  logTimezone?: string;
  /** Sessions per week of the log, from the local midnight of its first arrival day (the replay-window chooser). */
  replayWeeks?: { startMs: number; count: number }[];
};

/**
 * How many rows the issues leave out: issues are grouped by the record they are in — `line 14`
 * of a CSV, `$[3]` of a JSON list (`$._items[3]`, `$.data[3]`), or one EVSE `$[1].evses[2]` of a
 * Location (a bad EVSE leaves out that EVSE, not its Location). Issues about the whole file are no row.
 */
export function countLeftOutRows({ issues }: { issues: readonly { where: string }[] }): number {
  const rows = new Set<string>();
  for (const { where } of issues) {
    const line = /^line (\d+)/.exec(where);
    if (line) {
      rows.add(`line ${line[1]}`);
      continue;
    }
    const record = /^\$(?:\.[A-Za-z_]\w*)?\[\d+\](?:\.evses\[\d+\])?/.exec(where);
    if (record) rows.add(record[0]);
  }
  return rows.size;
}

/** "1,873 rows (3,612 problems)": what "left out" means in words. */
export function leftOutWords({ rows, problems }: { rows: number; problems: number }): string {
  const n = (x: number) => x.toLocaleString('en');
  return `${n(rows)} row${rows === 1 ? '' : 's'} (${n(problems)} problem${problems === 1 ? '' : 's'})`;
}

/**
 * When an import ran (this device's real clock, not the demo clock), in the site's zone and 24-hour
 * time like the rest of the app: "Sat 5 Dec, 14:07 real time". The page names the zone once.
 */
export function importedAtWords({ ms, timeZone }: { ms: number; timeZone: string }): string {
  return `${formatDay(ms, timeZone)}, ${formatTime(ms, timeZone)} real time`;
}
