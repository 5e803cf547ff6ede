import fc from 'fast-check';
import { TEST_START_MS } from '../../testing/small-site';
import type { Site } from '../../grid/site';
import type { ChargingRequest } from '../../model/charging-request';

/** Parameters of `arbitraryRequests`. */
export type ArbitraryRequestsParameters = { site: Site; maxRequests?: number };

/**
 * Random requests over the first ~4 h of the test day (test-only): any minute for the request
 * (so some land exactly on or around gate closure), arrival before or after it, a stay of 0-3 h,
 * some asking for an EVSE the site lacks or none at all, some with battery SoC fields.
 */
export function arbitraryRequests({ site, maxRequests = 8 }: ArbitraryRequestsParameters): fc.Arbitrary<ChargingRequest[]> {
  const evseIds = [...site.evses.map((e) => e.id), 'unknown-evse', null];
  return fc
    .array(
      fc.record({
        // Either any ms of the first 4 h, or exactly at / 1 ms before some gate closure.
        requestOffsetMs: fc.oneof(
          fc.integer({ min: 0, max: 240 * 60_000 }),
          fc.tuple(fc.integer({ min: 0, max: 15 }), fc.constantFrom(-1, 0)).map(([k, d]) => k * 900_000 + 840_000 + d)
        ),
        arriveDeltaMin: fc.integer({ min: -20, max: 60 }),
        stayMin: fc.integer({ min: 1, max: 180 }),
        energyKWh: fc.double({ min: 0.2, max: 40, noNaN: true }),
        vehicleMaxKw: fc.constantFrom(3.7, 7.4, 11, 22),
        evse: fc.constantFrom(...evseIds),
        soc: fc.option(fc.record({ batteryKWh: fc.constantFrom(40, 60), arrivalSoc: fc.double({ min: 0, max: 0.9, noNaN: true }) }), { nil: undefined })
      }),
      { maxLength: maxRequests }
    )
    .map((rows) =>
      rows.map((r, i) => {
        const requestMs = TEST_START_MS + r.requestOffsetMs;
        const arrivalMs = requestMs + r.arriveDeltaMin * 60_000;
        return {
          id: `r${i}`,
          requestMs,
          arrivalMs,
          departureMs: arrivalMs + r.stayMin * 60_000,
          energyKWh: r.energyKWh,
          vehicleMaxKw: r.vehicleMaxKw,
          evseId: r.evse,
          preference: 'balanced' as const,
          ...(r.soc ? { batteryKWh: r.soc.batteryKWh, arrivalSoc: r.soc.arrivalSoc } : {})
        };
      })
    );
}
