import type { OcpiConnector } from './ocpiLocationSchema';

/** Number of phases OCPI's power types carry current on (DC counts as one circuit). */
export const PHASES_BY_POWER_TYPE = { AC_1_PHASE: 1, AC_2_PHASE: 2, AC_2_PHASE_SPLIT: 2, AC_3_PHASE: 3, DC: 1 } as const;

/**
 * Maximum power of one OCPI connector, kW: `max_electric_power` when given, else
 * voltage × amperage × phases. OCPI's `max_voltage` is line-to-neutral for AC; some backends put a
 * line-to-line value (≥ 380 V three-phase, ≥ 200 V split-phase) there instead, which we detect so a
 * 400 V / 32 A three-phase point is 22 kW and not 38 kW.
 * @example connectorPowerKw({ connector: { power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 16 } }) // 11.04
 */
export function connectorPowerKw({
  connector
}: {
  connector: Pick<OcpiConnector, 'power_type' | 'max_voltage' | 'max_amperage' | 'max_electric_power'>;
}): number {
  if (connector.max_electric_power !== undefined) return connector.max_electric_power / 1000;
  const v = connector.max_voltage;
  const a = connector.max_amperage;
  switch (connector.power_type) {
    case 'AC_3_PHASE':
      return (v >= 380 ? Math.sqrt(3) * v * a : 3 * v * a) / 1000;
    case 'AC_2_PHASE':
    case 'AC_2_PHASE_SPLIT':
      return (v >= 200 ? v * a : 2 * v * a) / 1000;
    default:
      return (v * a) / 1000;
  }
}
