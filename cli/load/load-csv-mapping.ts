import { z } from 'zod';
import { ValidationError } from '../../src/lib/core/errors';
import { jsonPath } from '../../src/lib/core/grid/parse-site';
import { CSV_MAPPINGS } from '../../src/lib/core/io/csv-mappings';
import { SESSION_LIMITS } from '../../src/lib/core/io/session-limits';
import type { CsvColumnMapping } from '../../src/lib/core/io/parse-csv-sessions';
import { readJsonFile } from './read-json-file';

const column = z.string().min(1, 'expected a column name');
const mappingSchema = z.strictObject({
  id: column.optional(),
  arrival: z.union([column, z.strictObject({ date: column, time: column })]),
  departure: z.union([column, z.strictObject({ durationMinutes: column }), z.strictObject({ durationHours: column })]),
  energyKWh: column,
  evseId: column.optional(),
  requestTime: column.optional(),
  vehicleMaxKw: column.optional(),
  timeFormat: z.union([z.enum(['iso', 'epoch-ms', 'epoch-s']), z.strictObject({ pattern: z.string().min(1) })]).optional(),
  timezone: z.string().refine(isTimeZone, 'expected an IANA time zone like Europe/Oslo').optional(),
  delimiter: z
    .string()
    .length(1, 'expected one character')
    .refine((d) => !['"', '\n', '\r'].includes(d), 'expected a delimiter other than a quote or a line break')
    .optional(),
  decimalComma: z.boolean().optional(),
  defaultVehicleMaxKw: z.number().positive().max(SESSION_LIMITS.maxVehicleKw, `expected at most ${SESSION_LIMITS.maxVehicleKw} kW`).optional()
});

/** Names of the built-in mappings (`--csv-mapping trondheim`). */
export const CSV_MAPPING_NAMES = Object.keys(CSV_MAPPINGS) as (keyof typeof CSV_MAPPINGS)[];

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Resolve --csv-mapping: a built-in name, or a JSON file holding a column mapping (validated). */
export function loadCsvMapping({ nameOrPath }: { nameOrPath: string }): CsvColumnMapping {
  if ((CSV_MAPPING_NAMES as string[]).includes(nameOrPath)) return CSV_MAPPINGS[nameOrPath as keyof typeof CSV_MAPPINGS];
  const json = readJsonFile({ path: nameOrPath });
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError(parsed.error.issues.map((i) => ({ file: nameOrPath, where: jsonPath(i.path), message: i.message })));
  }
  return parsed.data as CsvColumnMapping;
}
