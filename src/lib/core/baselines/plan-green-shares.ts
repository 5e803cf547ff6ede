import { greenShare } from '../energy/green-share';
import { siteSlotEnergy } from '../energy/site-slot-energy';
import type { Site } from '../grid/site';
import type { Timeline } from '../time/timeline';

/** Parameters of `planGreenShares`. */
export type PlanGreenSharesParameters = {
  site: Site;
  /** Slot of index 0 of every plan. */
  firstSlot: number;
  /** Planned energy per session and slot index, kWh. */
  energyPlans: readonly (readonly number[])[];
  slotHours: number;
  /** The run's timeline: lets an imported mix series apply at its real dates (else the daily profile). */
  timeline?: Timeline;
};

/**
 * Expected green share (0..1) of each session's planned energy, by the same rule the engine books
 * energy with (energy/allocate-green): on-site PV serves base load first, then all EVs pro rata; the rest of the EV power
 * comes from the grid at the slot's mix. A session with no planned energy gets 0.
 */
export function planGreenShares({ site, firstSlot, energyPlans, slotHours, timeline }: PlanGreenSharesParameters): number[] {
  const len = energyPlans.reduce((m, p) => Math.max(m, p.length), 0);
  const fraction = new Array<number>(len).fill(0);
  for (let i = 0; i < len; i++) {
    let evKWh = 0;
    for (const p of energyPlans) evKWh += p[i] ?? 0;
    if (evKWh <= 0) continue;
    const slot = firstSlot + i;
    const evKw = evKWh / slotHours;
    const { pvKw, baseLoadKw, gridMix } = siteSlotEnergy({ site, slot, timeline });
    const pvToEvKw = Math.min(evKw, Math.max(0, pvKw - baseLoadKw));
    fraction[i] = (pvToEvKw + (evKw - pvToEvKw) * greenShare(gridMix)) / evKw;
  }
  return energyPlans.map((p) => {
    let total = 0;
    let green = 0;
    p.forEach((e, i) => {
      total += e;
      green += e * fraction[i];
    });
    return total > 0 ? Math.min(1, Math.max(0, green / total)) : 0;
  });
}
