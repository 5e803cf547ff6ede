import { openSync, readSync, closeSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasSharedData, SHARED_DATA_MISSING, sharedDataPath } from '../../../../test/support/shared-data';
import { CSV_MAPPINGS, detectCsvMapping, readCsvHeaderLine } from './csv-mappings';

const BOULDER_HEAD =
  '\uFEFFStation_Name,Station_Address,City,State_Province,Postal_Code,Transaction_Date,Transaction_Start_Time,Charging_Time__minutes_,Energy__kWh_,GHG_Savings__kg_,Gasoline_Savings__gallons_,Port_Type,ObjectId\nCOMM VITALITY / 1104 SPRUCE1,1100 Spruce St,Boulder,Colorado,80302,2018/01/31 00:00:00+00,2021/01/21 17:43:00+00,128,2.84,1.19,0.36,Level 2,1';
const TRONDHEIM_HEAD =
  'session_ID;Garage_ID;User_ID;User_type;Shared_ID;Start_plugin;Start_plugin_hour;End_plugout;End_plugout_hour;El_kWh;Duration_hours;month_plugin;weekdays_plugin\n1;AdO3;AdO3-4;Private;NA;21.12.2018 10:20;10;21.12.2018 10:23;10;0,3;0,05;Dec;Friday';

describe('readCsvHeaderLine', () => {
  it('reads the header with its delimiter, without a byte-order mark or quotes', () => {
    expect(readCsvHeaderLine({ head: TRONDHEIM_HEAD }).delimiter).toBe(';');
    expect(readCsvHeaderLine({ head: BOULDER_HEAD }).header[0]).toBe('Station_Name');
    expect(readCsvHeaderLine({ head: '"a","b"\n1,2' })).toEqual({ delimiter: ',', header: ['a', 'b'] });
  });
});

describe('detectCsvMapping', () => {
  it('detects the Boulder export from its header, with Denver time and the date + time-of-day arrival', () => {
    const found = detectCsvMapping({ header: readCsvHeaderLine({ head: BOULDER_HEAD }).header });
    expect(found?.name).toBe('boulder');
    expect(found?.mapping.timezone).toBe('America/Denver');
    expect(found?.mapping.arrival).toEqual({ date: 'Transaction_Date', time: 'Transaction_Start_Time' });
  });

  it('detects Trondheim and an ACN-like CSV', () => {
    expect(detectCsvMapping({ header: readCsvHeaderLine({ head: TRONDHEIM_HEAD }).header })?.name).toBe('trondheim');
    expect(detectCsvMapping({ header: ['sessionID', 'connectionTime', 'disconnectTime', 'kWhDelivered', 'spaceID', 'stationID'] })?.mapping).toEqual(CSV_MAPPINGS.acn);
  });

  it('detects nothing when a preset column is missing', () => {
    expect(detectCsvMapping({ header: ['ref', 'plugged_in', 'plugged_out', 'kwh'] })).toBeUndefined();
    expect(detectCsvMapping({ header: ['Station_Name', 'Transaction_Date', 'Energy__kWh_'] })).toBeUndefined();
  });
});

// The first kB of a real file, as the import page reads it.
function headOf(path: string): string {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(4096);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return buf.subarray(0, n).toString('utf8');
}

describe.skipIf(!hasSharedData())('detectCsvMapping on the real logs', () => {
  it('recognises the Boulder and Trondheim files from their first line', () => {
    const boulder = headOf(sharedDataPath('boulder-ev-sessions', 'Electric_Vehicle_Charging_Station_Energy_Consumption.csv'));
    expect(detectCsvMapping({ header: readCsvHeaderLine({ head: boulder }).header })?.name).toBe('boulder');
    const trondheim = headOf(sharedDataPath('trondheim-residential-ev', 'Dataset 1_EV charging reports.csv'));
    expect(detectCsvMapping({ header: readCsvHeaderLine({ head: trondheim }).header })?.name).toBe('trondheim');
  });
});
if (!hasSharedData()) console.warn(SHARED_DATA_MISSING);
