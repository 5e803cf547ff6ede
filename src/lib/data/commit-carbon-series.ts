import type { CarbonSeries } from '$lib/core/carbon/carbon-series';
import type { CarbonSeriesRow, GreenSlotDb } from './db';

/** Parameters of {@link commitCarbonSeries}. */
export type CommitCarbonSeriesParameters = { db: GreenSlotDb; series: CarbonSeries; nowMs?: number };

/** Stores a carbon series, replacing an earlier one of the same provider, zone and kind; returns its row. */
export async function commitCarbonSeries({ db, series, nowMs = Date.now() }: CommitCarbonSeriesParameters): Promise<CarbonSeriesRow> {
  const row: CarbonSeriesRow = { ...series, id: `${series.kind}:${series.provider}:${series.zone}`, importedMs: nowMs };
  await db.carbonSeries.put(row);
  return row;
}
