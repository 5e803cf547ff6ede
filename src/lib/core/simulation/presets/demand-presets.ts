import type { DemandPreset, PresetName } from './demand-preset';
import { PUBLIC_PRESET } from './public';
import { RESIDENTIAL_PRESET } from './residential';
import { WORKPLACE_PRESET } from './workplace';

/** The demand presets by name (workplace: ElaadNL + ACN-Data; public: ElaadNL + Boulder; residential: ElaadNL + Trondheim). */
export const DEMAND_PRESETS: Readonly<Record<PresetName, DemandPreset>> = {
  workplace: WORKPLACE_PRESET,
  public: PUBLIC_PRESET,
  residential: RESIDENTIAL_PRESET
};
