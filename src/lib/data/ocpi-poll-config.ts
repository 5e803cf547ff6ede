import type { ValidationIssue } from '$lib/core/errors';
import { ocpiEndpointProblem } from '$lib/core/ocpi/ocpiEndpointProblem';

/** What the operator configured for live status polling (stored in settings under `ocpiPoll`). */
export type OcpiPollConfig = {
  /** OCPI Locations module endpoint, e.g. `https://cpo.example/ocpi/2.2.1/locations`. */
  url: string;
  /** Credentials token the backend issued (sent as `Authorization: Token …`). */
  token: string;
  /** Seconds between polls. */
  intervalS: number;
  /** OCPI 2.2.1 sends the token Base64-encoded; 2.1.1 backends want it raw. */
  tokenEncoding: 'base64' | 'raw';
  enabled: boolean;
};

/** What the last polls left behind: conditional-request validators and the age of the known state. */
export type OcpiPollMemory = {
  etag?: string;
  lastModified?: string;
  /** When the backend last confirmed the state (200 or 304), epoch ms (wall clock). */
  lastSuccessMs?: number;
  lastAttemptMs?: number;
  lastOutcome?: 'ok' | 'not-modified' | 'error' | 'offline';
  lastMessage?: string;
};

/** The stored settings row value. */
export type OcpiPollSetting = { config: OcpiPollConfig; memory: OcpiPollMemory };

/** Settings key of the polling configuration. */
export const OCPI_POLL_KEY = 'ocpiPoll';

/** Polling interval bounds, s: faster hammers the backend, slower is not "live". */
export const POLL_INTERVAL_RANGE_S = { min: 10, max: 3600 } as const;

/**
 * Checks a polling configuration; returns every problem (empty = valid). The token is an OCPI
 * `string(64)` of printable ASCII without spaces; the URL must be http(s) (https unless localhost).
 */
export function validateOcpiPollConfig({ config }: { config: OcpiPollConfig }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (where: string, message: string) => issues.push({ file: 'polling settings', where, message });
  if (!URL.canParse(config.url)) at('url', 'expected an absolute URL like https://cpo.example/ocpi/2.2.1/locations');
  else {
    const problem = ocpiEndpointProblem({ url: config.url });
    if (problem) at('url', problem);
  }
  if (!config.token) at('token', 'expected the credentials token the backend issued');
  else if (!/^[\x21-\x7e]+$/.test(config.token)) at('token', 'expected printable ASCII without spaces');
  else if (config.token.length > 64) at('token', `expected at most 64 characters (OCPI string(64)), got ${config.token.length}`);
  if (!Number.isFinite(config.intervalS) || config.intervalS < POLL_INTERVAL_RANGE_S.min || config.intervalS > POLL_INTERVAL_RANGE_S.max) {
    at('intervalS', `expected ${POLL_INTERVAL_RANGE_S.min}–${POLL_INTERVAL_RANGE_S.max} seconds`);
  }
  return issues;
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
