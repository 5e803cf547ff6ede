import { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors';
import { dropNulls, importIssues, jsonPath, parseJsonText } from './importIssues';
import { unwrapOcpiPayload } from './unwrapOcpiPayload';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a local time HH:MM');
const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const;
/** Restrictions that depend on the session (its energy, current, power, duration), not on the time of day. */
const SESSION_RESTRICTIONS = ['min_kwh', 'max_kwh', 'min_current', 'max_current', 'min_power', 'max_power', 'min_duration', 'max_duration', 'reservation'] as const;

const tariffSchema = z.object({
  id: z.string().min(1),
  currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code like EUR'),
  elements: z
    .array(
      z.object({
        price_components: z
          .array(
            z.object({
              type: z.enum(['ENERGY', 'FLAT', 'PARKING_TIME', 'TIME']),
              price: z.number().finite().nonnegative(),
              vat: z.number().finite().nonnegative().optional(),
              step_size: z.number().int().nonnegative()
            })
          )
          .min(1),
        restrictions: z
          .object({
            start_time: hhmm.optional(),
            end_time: hhmm.optional(),
            day_of_week: z.array(z.enum(DAYS)).optional()
          })
          .passthrough()
          .optional()
      })
    )
    .min(1)
});

/** One tariff as a price per kWh for each slot of a day. */
export type OcpiTariffPrice = {
  tariffId: string;
  currency: string;
  /** Energy price per slot of the local day, currency units per kWh, excluding VAT. */
  pricePerKWh: number[];
};

/** Result of `parseOcpiTariffs`. */
export type ParseOcpiTariffsResult = { tariff: OcpiTariffPrice; warnings: ValidationIssue[] };

/**
 * OCPI 2.2.1 Tariffs → the site's energy price per slot of a (week)day: for each slot, the ENERGY
 * component of the first element whose time-of-day restrictions (`start_time`/`end_time`, overnight
 * allowed) hold and whose `day_of_week`, if any, includes a weekday; no such element = 0 (free
 * energy). Prices are excluding VAT. What a per-slot price cannot show is said as a warning:
 * FLAT/TIME/PARKING_TIME components (not per kWh), elements restricted by the session (kWh,
 * current, power, duration), other tariffs in the file (the first is used). A file whose tariff has
 * no ENERGY component at all is rejected: it has no price per kWh to show.
 */
export function parseOcpiTariffs({ input, file = 'input', slotMinutes = 15 }: { input: unknown; file?: string; slotMinutes?: number }): ParseOcpiTariffsResult {
  const json = typeof input === 'string' ? parseJsonText({ text: input, file }) : input;
  const { items, issues } = unwrapOcpiPayload({ json: dropNulls(json), file });
  if (issues.length) throw new ValidationError(issues);
  if (items.length === 0) throw new ValidationError([{ file, where: '$', message: 'expected an OCPI Tariff object (or a list of them)' }]);
  const { value, path } = items[0];
  const parsed = tariffSchema.safeParse(value);
  if (!parsed.success) throw new ValidationError(importIssues({ error: parsed.error, input: value, file, basePath: path }));
  const tariff = parsed.data;
  const warnings: ValidationIssue[] = [];
  if (items.length > 1) warnings.push({ file, where: '$', message: `${items.length} tariffs in the file: tariff "${tariff.id}" is used, the others are not` });

  const usable: { price: number; fromMin: number; toMin: number }[] = [];
  let anyEnergy = false;
  tariff.elements.forEach((el, i) => {
    const where = jsonPath([...path, 'elements', i]);
    const energy = el.price_components.find((c) => c.type === 'ENERGY');
    const others = [...new Set(el.price_components.filter((c) => c.type !== 'ENERGY').map((c) => c.type))];
    if (others.length) warnings.push({ file, where, message: `${others.join(', ')} price(s) are not per kWh: not part of the price line` });
    if (!energy) return;
    anyEnergy = true;
    const r = el.restrictions ?? {};
    const bySession = SESSION_RESTRICTIONS.filter((k) => k in r);
    if (bySession.length) return void warnings.push({ file, where, message: `an energy price restricted by the session (${bySession.join(', ')}) cannot be a price per slot: left out` });
    if (r.day_of_week && !r.day_of_week.some((d) => DAYS.indexOf(d) < 5)) return void warnings.push({ file, where, message: 'a weekend-only energy price: the daily price line shows weekdays' });
    const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
    usable.push({ price: energy.price, fromMin: r.start_time ? toMinutes(r.start_time) : 0, toMin: r.end_time ? toMinutes(r.end_time) : 1440 });
  });
  if (!anyEnergy) throw new ValidationError([{ file, where: jsonPath([...path, 'elements']), message: 'expected an ENERGY price component (price per kWh); this tariff has none, so there is no price line to show' }]);

  const slots = Math.round(1440 / slotMinutes);
  const pricePerKWh = Array.from({ length: slots }, (_, s) => {
    const minute = s * slotMinutes;
    // start_time inclusive, end_time exclusive; end before start runs over midnight.
    const hit = usable.find((u) => (u.fromMin <= u.toMin ? minute >= u.fromMin && minute < u.toMin : minute >= u.fromMin || minute < u.toMin));
    return hit?.price ?? 0;
  });
  return { tariff: { tariffId: tariff.id, currency: tariff.currency, pricePerKWh }, warnings };
}
