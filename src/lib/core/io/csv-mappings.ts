import type { CsvColumnMapping } from './parse-csv-sessions';

/**
 * Column mappings for the public session logs GreenSlot is benchmarked on.
 * - trondheim: Sørensen et al., "Residential electric vehicle charging datasets from apartment
 *   buildings", Mendeley Data jbks2rcwyj (CC BY 4.0), `Dataset 1_EV charging reports.csv`:
 *   `;`-separated, decimal commas, local Oslo times `21.12.2018 10:20`. Each user has their own
 *   charge point in a shared garage, so `User_ID` stands in for the EVSE.
 * - boulder: City of Boulder open data, `Electric_Vehicle_Charging_Station_Energy_Consumption.csv`.
 *   `Transaction_Start_Time` carries the export date (2021/01/21) and only its time of day is real,
 *   so arrival = date of `Transaction_Date` + time of `Transaction_Start_Time`, local Denver time
 *   despite the `+00` suffix (arrivals peak 08–18 h). The log has no plug-out time: departure =
 *   arrival + `Charging_Time__minutes_`, a lower bound on the real dwell.
 * - acn: a CSV export of ACN-Data sessions (Caltech/JPL, Pasadena) with ISO 8601 times
 *   (`connectionTime`, `disconnectTime`, `kWhDelivered`, `spaceID`, `sessionID`); zone-less times
 *   are Los Angeles time.
 */
export const CSV_MAPPINGS = {
  trondheim: {
    id: 'session_ID',
    arrival: 'Start_plugin',
    departure: 'End_plugout',
    energyKWh: 'El_kWh',
    evseId: 'User_ID',
    timeFormat: { pattern: 'DD.MM.YYYY HH:mm' },
    timezone: 'Europe/Oslo',
    delimiter: ';',
    decimalComma: true,
    defaultVehicleMaxKw: 7.4
  },
  boulder: {
    id: 'ObjectId',
    arrival: { date: 'Transaction_Date', time: 'Transaction_Start_Time' },
    departure: { durationMinutes: 'Charging_Time__minutes_' },
    energyKWh: 'Energy__kWh_',
    evseId: 'Station_Name',
    timeFormat: { pattern: 'YYYY/MM/DD HH:mm:ss+00' },
    timezone: 'America/Denver',
    delimiter: ',',
    decimalComma: false,
    defaultVehicleMaxKw: 7.2
  },
  acn: {
    id: 'sessionID',
    arrival: 'connectionTime',
    departure: 'disconnectTime',
    energyKWh: 'kWhDelivered',
    evseId: 'spaceID',
    timeFormat: 'iso',
    timezone: 'America/Los_Angeles',
    delimiter: ',',
    decimalComma: false,
    defaultVehicleMaxKw: 6.6
  }
} as const satisfies Record<string, CsvColumnMapping>;

/** A built-in mapping's name. */
export type CsvMappingName = keyof typeof CSV_MAPPINGS;

/** What the import page calls each built-in mapping. */
export const CSV_MAPPING_LABELS: Readonly<Record<CsvMappingName, string>> = {
  trondheim: 'Trondheim (residential garages, Oslo time)',
  boulder: 'Boulder (City of Boulder open data, Denver time)',
  acn: 'ACN-Data CSV (Caltech/JPL, Los Angeles time)'
};

/** The header row of a CSV head: its delimiter (`;`, tab or `,`, as the first line uses) and trimmed, unquoted column names. */
export function readCsvHeaderLine({ head }: { head: string }): { delimiter: string; header: string[] } {
  const line = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', ','].find((d) => line.includes(d)) ?? ',';
  return { delimiter, header: line.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, '')) };
}

/** Every column a mapping reads. */
function columnsOf(m: CsvColumnMapping): string[] {
  const cols = [typeof m.arrival === 'string' ? m.arrival : [m.arrival.date, m.arrival.time], m.energyKWh, m.id, m.evseId, m.requestTime, m.vehicleMaxKw];
  if (typeof m.departure === 'string') cols.push(m.departure);
  else cols.push('durationMinutes' in m.departure ? m.departure.durationMinutes : m.departure.durationHours);
  return cols.flat().filter((c): c is string => typeof c === 'string');
}

/**
 * The built-in mapping whose columns are all in `header` (the one reading the most columns when
 * several fit), or undefined: a Boulder export is read as Boulder without the user knowing the preset.
 */
export function detectCsvMapping({ header }: { header: readonly string[] }): { name: CsvMappingName; mapping: CsvColumnMapping } | undefined {
  const have = new Set(header);
  let best: { name: CsvMappingName; mapping: CsvColumnMapping; columns: number } | undefined;
  for (const [name, mapping] of Object.entries(CSV_MAPPINGS) as [CsvMappingName, CsvColumnMapping][]) {
    const cols = columnsOf(mapping);
    if (cols.every((c) => have.has(c)) && (!best || cols.length > best.columns)) best = { name, mapping, columns: cols.length };
  }
  return best && { name: best.name, mapping: best.mapping };
}
