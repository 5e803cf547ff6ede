import { GREEN_SOURCES, type SourceMix } from '../energy/sources';
import type { Site } from '../grid/site';
import { profileAt } from '../profile';

/** Parameters of `planGreenShares`. */
export type PlanGreenSharesParameters = {
  site: Site;
  /** Slot of index 0 of every plan. */
  firstSlot: number;
  /** Planned energy per session and slot index, kWh. */
  energyPlans: readonly (readonly number[])[];
  slotHours: number;
};

/**
 * Expected green share (0..1) of each session's planned energy, by the same rule the engine books
 * energy with: on-site PV serves base load first, then all EVs pro rata; the rest of the EV power
 * comes from the grid at the slot's mix. A session with no planned energy gets 0.
 */
export function planGreenShares({ site, firstSlot, energyPlans, slotHours }: PlanGreenSharesParameters): number[] {
  const len = energyPlans.reduce((m, p) => Math.max(m, p.length), 0);
  const fraction = new Array<number>(len).fill(0);
  for (let i = 0; i < len; i++) {
    let evKWh = 0;
    for (const p of energyPlans) evKWh += p[i] ?? 0;
    if (evKWh <= 0) continue;
    const slot = firstSlot + i;
    const evKw = evKWh / slotHours;
    const pvKw = (site.pv ?? []).reduce((a, pv) => a + profileAt(pv.kw, slot), 0);
    const baseKw = site.nodes.reduce((a, n) => a + profileAt(n.baseLoadKw, slot), 0);
    const pvToEvKw = Math.min(evKw, Math.max(0, pvKw - baseKw));
    fraction[i] = (pvToEvKw + (evKw - pvToEvKw) * gridGreenShare(mixAt(site, slot))) / evKw;
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

function mixAt(site: Site, slot: number): SourceMix {
  const mixes = site.energy?.gridMix ?? [];
  if (mixes.length === 0) return {};
  return mixes[((slot % mixes.length) + mixes.length) % mixes.length];
}

function gridGreenShare(mix: SourceMix): number {
  return GREEN_SOURCES.reduce((a, s) => a + (mix[s] ?? 0), 0);
}
