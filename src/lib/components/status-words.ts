import type { OcpiStatus } from '$lib/data/db';

/** Plain words for each OCPI EVSE status (the code itself stays in data attributes and exports). */
export const STATUS_WORDS: Record<OcpiStatus, string> = {
  AVAILABLE: 'free',
  CHARGING: 'in use',
  RESERVED: 'reserved',
  BLOCKED: 'blocked',
  OUTOFORDER: 'out of order',
  INOPERATIVE: 'not working',
  PLANNED: 'not in service yet',
  REMOVED: 'removed',
  UNKNOWN: 'status unknown'
};
