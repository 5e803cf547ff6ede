/**
 * Small OCPI 2.2.1 documents written for GreenSlot's tests (our own invented depot, not the
 * CC BY-ND spec examples): one Location with three EVSEs and an energy mix, and status patches.
 */

/** A Location: two AC EVSEs (one out of order) and one DC EVSE, with a supplier mix. */
export function harbourDepotLocation({ id = 'HARBOUR-1', status = ['AVAILABLE', 'OUTOFORDER', 'AVAILABLE'] as string[] } = {}) {
  const ac = (n: number, st: string) => ({
    uid: `hb-ac-${n}`,
    evse_id: `DE*GSL*E${n}`,
    status: st,
    connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 32, last_updated: '2026-03-01T08:00:00Z' }],
    last_updated: '2026-03-01T08:00:00Z'
  });
  return {
    country_code: 'DE',
    party_id: 'GSL',
    id,
    publish: true,
    name: 'Harbour depot',
    address: 'Kaistraße 4',
    city: 'Kiel',
    country: 'DEU',
    coordinates: { latitude: '54.3233', longitude: '10.1394' },
    time_zone: 'Europe/Berlin',
    evses: [
      ac(1, status[0]),
      ac(2, status[1]),
      {
        uid: 'hb-dc-1',
        evse_id: 'DE*GSL*E3',
        status: status[2],
        connectors: [{ id: '1', standard: 'IEC_62196_T2_COMBO', format: 'CABLE', power_type: 'DC', max_voltage: 800, max_amperage: 200, max_electric_power: 150000, last_updated: '2026-03-01T08:00:00Z' }],
        last_updated: '2026-03-01T08:00:00Z'
      }
    ],
    energy_mix: {
      is_green_energy: false,
      energy_sources: [
        { source: 'WIND', percentage: 60 },
        { source: 'SOLAR', percentage: 15 },
        { source: 'GAS', percentage: 25 }
      ],
      environ_impact: [{ category: 'CARBON_DIOXIDE', amount: 110 }],
      supplier_name: 'Förde Strom'
    },
    last_updated: '2026-03-01T08:00:00Z'
  };
}

/** Patches: hb-ac-1 starts charging, hb-dc-1 goes out of order, then an older one that must be ignored. */
export const HARBOUR_PATCHES = [
  { evse_uid: 'hb-ac-1', location_id: 'HARBOUR-1', status: 'CHARGING', last_updated: '2026-03-01T09:00:00Z' },
  { url: 'https://cpo.example/ocpi/2.2.1/locations/DE/GSL/HARBOUR-1/hb-dc-1', body: { status: 'OUTOFORDER', last_updated: '2026-03-01T09:05:00Z' } },
  { evse_uid: 'hb-ac-1', location_id: 'HARBOUR-1', status: 'AVAILABLE', last_updated: '2026-03-01T08:30:00Z' }
];
