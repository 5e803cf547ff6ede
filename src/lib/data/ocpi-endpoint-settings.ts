import type { ValidationIssue } from '$lib/core/errors';
import { ocpiEndpointProblem } from '$lib/core/ocpi/ocpiEndpointProblem';

/** Polling interval bounds, s: faster hammers the backend, slower is not "live". */
export const POLL_INTERVAL_RANGE_S = { min: 10, max: 3600 } as const;

/** What every OCPI poller's config holds besides its endpoint URL(s). */
export type OcpiPollerConfig = {
  /** Credentials token the backend issued (sent as `Authorization: Token …`). */
  token: string;
  /** Seconds between polls. */
  intervalS: number;
  /** OCPI 2.2.1 sends the token Base64-encoded; 2.1.1 backends want it raw. */
  tokenEncoding: 'base64' | 'raw';
  enabled: boolean;
};

/** What every OCPI poller's memory holds besides its validators: the age of the known state and the last outcome. */
export type OcpiPollerMemory = {
  /** When the backend last confirmed the state, epoch ms (wall clock). */
  lastSuccessMs?: number;
  lastAttemptMs?: number;
  lastOutcome?: 'ok' | 'not-modified' | 'error' | 'offline';
  lastMessage?: string;
};

/** One endpoint field of a polling form: its field name and the URL typed into it. */
export type OcpiEndpointField = { where: string; url: string };

/**
 * Checks the settings every OCPI poller shares: its endpoint URL(s), the token and the interval;
 * returns every problem (empty = valid). The token is an OCPI `string(64)` of printable ASCII
 * without spaces; each URL must be http(s) (https unless localhost). Issues come in the order
 * first URL, token, interval, then the other URLs (the order the forms show them).
 */
export function validateOcpiEndpointSettings({ urls, token, intervalS }: { urls: OcpiEndpointField[]; token: string; intervalS: number }): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (where: string, message: string) => issues.push({ file: 'polling settings', where, message });
  const checkUrl = ({ where, url }: OcpiEndpointField) => {
    if (!URL.canParse(url)) return at(where, 'expected an absolute URL like https://cpo.example/ocpi/2.2.1/locations');
    const problem = ocpiEndpointProblem({ url });
    if (problem) at(where, problem);
  };
  const [first, ...rest] = urls;
  if (first) checkUrl(first);
  if (!token) at('token', 'expected the credentials token the backend issued');
  else if (!/^[\x21-\x7e]+$/.test(token)) at('token', 'expected printable ASCII without spaces');
  else if (token.length > 64) at('token', `expected at most 64 characters (OCPI string(64)), got ${token.length}`);
  if (!Number.isFinite(intervalS) || intervalS < POLL_INTERVAL_RANGE_S.min || intervalS > POLL_INTERVAL_RANGE_S.max) {
    at('intervalS', `expected ${POLL_INTERVAL_RANGE_S.min}–${POLL_INTERVAL_RANGE_S.max} seconds`);
  }
  rest.forEach(checkUrl);
  return issues;
}
