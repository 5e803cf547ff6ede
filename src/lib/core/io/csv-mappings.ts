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
  }
} as const satisfies Record<string, CsvColumnMapping>;
