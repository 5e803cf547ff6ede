import { ValidationError } from '../errors';
import type { CarbonSeries } from './carbon-series';
import { parseElectricityMapsHistory } from './parse-electricity-maps-history';
import { parseWattTimeSignal } from './parse-watttime-signal';

/** Parameters of {@link parseCarbonSignal}. */
export type ParseCarbonSignalParameters = { json: unknown; file?: string };

/**
 * Tells an Electricity Maps history (`history[]`) from a WattTime signal (`data[]` + `meta`, or a v2
 * list of `point_time`) and parses it. A document that is neither is an error at `$`.
 */
export function parseCarbonSignal({ json, file = 'input' }: ParseCarbonSignalParameters): CarbonSeries {
  if (json !== null && typeof json === 'object' && !Array.isArray(json) && 'history' in json) return parseElectricityMapsHistory({ json, file });
  if (json !== null && typeof json === 'object' && !Array.isArray(json) && 'data' in json) return parseWattTimeSignal({ json, file });
  if (Array.isArray(json) && json.length > 0 && typeof json[0] === 'object' && json[0] !== null && 'point_time' in json[0]) return parseWattTimeSignal({ json, file });
  throw new ValidationError([
    { file, where: '$', message: 'expected an Electricity Maps carbon-intensity or power-breakdown history ({ zone, history: [...] }) or a WattTime signal ({ data: [{ point_time, value }], meta })' }
  ]);
}
