import type { ValidationIssue } from '$lib/core/errors';
import { validateOcpiEndpointSettings, type OcpiPollerConfig, type OcpiPollerMemory } from './ocpi-endpoint-settings';

/** What the operator configured for live sessions (stored in settings under `ocpiLive`). */
export type OcpiLiveConfig = OcpiPollerConfig & {
  /** OCPI Sessions module endpoint, e.g. `https://cpo.example/ocpi/cpo/2.2.1/sessions`. */
  sessionsUrl: string;
  /** OCPI CDRs module endpoint. */
  cdrsUrl: string;
};

/** What one module's polls left behind. */
export type OcpiLiveModuleMemory = {
  /** The URL the ETag belongs to (a new date_from is a new list). */
  url?: string;
  etag?: string;
  /** Backend clock of the last good answer (envelope timestamp), epoch ms: the next `date_from`. */
  serverTimeMs?: number;
};

/** What the polls left: per-module validators, the age of the known state, the last outcome. */
export type OcpiLiveMemory = OcpiPollerMemory & {
  sessions?: OcpiLiveModuleMemory;
  cdrs?: OcpiLiveModuleMemory;
};

/** The stored settings row value. */
export type OcpiLiveSetting = { config: OcpiLiveConfig; memory: OcpiLiveMemory };

/** Settings key of the live sessions polling. */
export const OCPI_LIVE_KEY = 'ocpiLive';

/** Validates both endpoints, the token and the interval with the Locations poll's rules (empty = valid). */
export function validateOcpiLiveConfig({ config }: { config: OcpiLiveConfig }): ValidationIssue[] {
  const urls = [
    { where: 'sessionsUrl', url: config.sessionsUrl },
    { where: 'cdrsUrl', url: config.cdrsUrl }
  ];
  return validateOcpiEndpointSettings({ urls, token: config.token, intervalS: config.intervalS });
}

/** The URL of one poll: the module endpoint with `date_from` a margin before the last known backend time. */
export function livePollUrl({ url, serverTimeMs, marginMs = 5 * 60_000 }: { url: string; serverTimeMs?: number; marginMs?: number }): string {
  if (serverTimeMs === undefined) return url;
  const u = new URL(url);
  u.searchParams.set('date_from', new Date(serverTimeMs - marginMs).toISOString());
  return u.toString();
}
