import type { SourceMix } from '$lib/core/energy/sources';
import type { Timeline } from '$lib/core/time/timeline';
import { localToUtcMs, toLocalDateTime } from '$lib/core/time/zoned-time';

/** Parameters of `mixDayProfile`. */
export type MixDayProfileParameters = {
  /** Per-slot mixes from slot 0 of `timeline` (what the generation importers return). */
  mixes: readonly SourceMix[];
  timeline: Timeline;
  /** IANA zone of the site: the demo's day starts at local midnight. */
  timeZone: string;
  /** Local date `YYYY-MM-DD` to take; default the first whole 24-hour local day in the data (not a DST day). */
  day?: string;
};

/** Result of `mixDayProfile`. */
export type MixDayProfileReturnType =
  | { ok: true; day: string; mixes: SourceMix[]; days: string[] }
  | { ok: false; days: string[]; message: string };

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * One local day of an imported per-slot mix, as the site's periodic `gridMix` (slot 0 = local
 * midnight, like the demo timeline). A DST day keeps its 92 or 100 quarter hours, so it is only
 * taken when asked for: the default is the first 24-hour day. Lists the whole local days the data
 * covers so the user can choose another.
 */
export function mixDayProfile({ mixes, timeline, timeZone, day }: MixDayProfileParameters): MixDayProfileReturnType {
  const slotMs = timeline.slotMinutes * 60_000;
  const endMs = timeline.startMs + mixes.length * slotMs;
  const days: string[] = [];
  // The profile repeats every `length` slots from local midnight: only a 24-hour day lines up with the days after it.
  let firstFullDay: string | undefined;
  const first = toLocalDateTime({ ms: timeline.startMs, timeZone });
  // Walk local dates from the first one; a day counts when it starts on and ends inside the data.
  for (let d = new Date(Date.UTC(first.year, first.month - 1, first.day)); ; d = new Date(d.getTime() + 86_400_000)) {
    const start = localToUtcMs({ local: { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 }, timeZone });
    if (start >= endMs) break;
    const n = new Date(d.getTime() + 86_400_000);
    const end = localToUtcMs({ local: { year: n.getUTCFullYear(), month: n.getUTCMonth() + 1, day: n.getUTCDate(), hour: 0, minute: 0 }, timeZone });
    if (start >= timeline.startMs && end <= endMs && (start - timeline.startMs) % slotMs === 0) {
      days.push(`${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`);
      if (firstFullDay === undefined && end - start === 86_400_000) firstFullDay = days.at(-1);
    }
    if (days.length > 4000) break; // a 10-year file still lists its days; beyond that, nobody scrolls
  }
  const chosen = day ?? firstFullDay ?? days[0];
  if (!chosen) return { ok: false, days, message: 'the data does not cover one whole local day' };
  if (!days.includes(chosen)) return { ok: false, days, message: `${chosen} is not a whole local day in the data (it covers ${days[0] ?? 'no day'} … ${days.at(-1) ?? ''})` };
  const [y, m, dd] = chosen.split('-').map(Number);
  const startMs = localToUtcMs({ local: { year: y, month: m, day: dd, hour: 0, minute: 0 }, timeZone });
  const next = new Date(Date.UTC(y, m - 1, dd) + 86_400_000);
  const nextMs = localToUtcMs({ local: { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0 }, timeZone });
  const from = (startMs - timeline.startMs) / slotMs;
  const to = (nextMs - timeline.startMs) / slotMs;
  return { ok: true, day: chosen, mixes: mixes.slice(from, to).map((x) => ({ ...x })), days };
}
