import { zonedTimeToUtcMs } from './zonedTimeToUtcMs';

/** A parsed time cell: UTC ms, or why it could not be read. */
export type TimeCellResult = { ms: number } | { error: string; dstGap?: true };

const ISO = /^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:\.\d+)?)?)?\s*(Z|[+-]\d\d:?\d\d)?$/i;
const DOTTED = /^(\d\d?)\.(\d\d?)\.(\d{4})(?:[ T]+(\d\d?):(\d\d)(?::(\d\d))?)?\s*(?:\((CET|CEST|MEZ|MESZ|UTC)\))?$/i;
const ZONE_MINUTES: Record<string, number> = { CET: 60, MEZ: 60, CEST: 120, MESZ: 120, UTC: 0 };

/**
 * Reads one timestamp cell of a generation CSV: ISO 8601 (with `Z`/offset = absolute, without =
 * local in `timeZone`), German `dd.mm.yyyy HH:MM` (ENTSO-E, SMARD) optionally tagged `(CET)`/`(CEST)`,
 * or epoch seconds/ms. Local times use `notBeforeMs` to place the repeated autumn hour.
 */
export function parseTimeCell({
  text,
  timeZone,
  notBeforeMs
}: {
  text: string;
  timeZone: string;
  notBeforeMs?: number;
}): TimeCellResult {
  const t = text.trim();
  let m = ISO.exec(t);
  let wall: { year: number; month: number; day: number; hour: number; minute: number; second: number } | undefined;
  let offsetMin: number | undefined;
  if (m) {
    wall = { year: +m[1], month: +m[2], day: +m[3], hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0) };
    if (m[7]) {
      const z = m[7].toUpperCase();
      offsetMin = z === 'Z' ? 0 : (z[0] === '-' ? -1 : 1) * (Number(z.slice(1, 3)) * 60 + Number(z.slice(-2)));
    }
  } else if ((m = DOTTED.exec(t))) {
    wall = { year: +m[3], month: +m[2], day: +m[1], hour: +(m[4] ?? 0), minute: +(m[5] ?? 0), second: +(m[6] ?? 0) };
    if (m[7]) offsetMin = ZONE_MINUTES[m[7].toUpperCase()];
  } else if (/^\d{9,13}$/.test(t)) {
    const n = Number(t);
    return { ms: t.length >= 12 ? n : n * 1000 };
  } else {
    return { error: `"${text}" is not a date-time (expected e.g. 2023-07-01T00:00:00Z or 01.07.2023 00:00)` };
  }
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31 || wall.hour > 24 || wall.minute > 59) {
    return { error: `"${text}" is not a valid date-time` };
  }
  if (offsetMin !== undefined) {
    return { ms: Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - offsetMin * 60_000 };
  }
  const ms = zonedTimeToUtcMs({ wall, timeZone, notBeforeMs });
  if (ms === null) return { error: `"${text}" does not exist in ${timeZone} (the clocks skip it: DST starts)`, dstGap: true };
  return { ms };
}
