import type { ValidationIssue } from '$lib/core/errors';
import { validateOcpiEndpointSettings, type OcpiPollerConfig, type OcpiPollerMemory } from './ocpi-endpoint-settings';

/** What the operator configured for live status polling (stored in settings under `ocpiPoll`). */
export type OcpiPollConfig = OcpiPollerConfig & {
  /** OCPI Locations module endpoint, e.g. `https://cpo.example/ocpi/2.2.1/locations`. */
  url: string;
};

/** What the last polls left behind: conditional-request validators and the age of the known state. */
export type OcpiPollMemory = OcpiPollerMemory & {
  etag?: string;
  lastModified?: string;
};

/** The stored settings row value. */
export type OcpiPollSetting = { config: OcpiPollConfig; memory: OcpiPollMemory };

/** Settings key of the polling configuration. */
export const OCPI_POLL_KEY = 'ocpiPoll';

export { POLL_INTERVAL_RANGE_S } from './ocpi-endpoint-settings';

/** Checks a polling configuration (endpoint, token, interval); returns every problem (empty = valid). */
export function validateOcpiPollConfig({ config }: { config: OcpiPollConfig }): ValidationIssue[] {
  return validateOcpiEndpointSettings({ urls: [{ where: 'url', url: config.url }], token: config.token, intervalS: config.intervalS });
}

/** "last update 12 min ago" style age of the known state. */
export function formatAge({ sinceMs, nowMs }: { sinceMs: number; nowMs: number }): string {
  const s = Math.max(0, Math.round((nowMs - sinceMs) / 1000));
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} days ago`;
}
