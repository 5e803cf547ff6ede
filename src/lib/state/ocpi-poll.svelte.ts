import type { ValidationIssue } from '$lib/core/errors';
import { pollOcpi, type FetchLike } from '$lib/core/ocpi/pollOcpi';
import { parseOcpiLocations } from '$lib/core/ocpi/parseOcpiLocations';
import { getDb } from '$lib/data/db';
import { commitPolledLocations } from '$lib/data/commit-polled-locations';
import { pwa } from './pwa.svelte';
import { OcpiPoller } from './ocpi-poller.svelte';
import { OCPI_POLL_KEY, validateOcpiPollConfig, type OcpiPollConfig, type OcpiPollMemory } from '$lib/data/ocpi-poll-config';

const DEFAULT_CONFIG: OcpiPollConfig = { url: '', token: '', intervalS: 60, tokenEncoding: 'base64', enabled: false };

/**
 * Live EVSE status by polling the backend's OCPI Locations module with the browser's fetch. The
 * config and what the last poll left (ETag, Last-Modified, when the state was last confirmed) are
 * stored in Dexie, so a reload keeps the conditional requests and the age of the known state (the
 * loop, storage and cross-tab rules are OcpiPoller's). Offline (the app's network verdict, or the
 * fetch fails) the stored statuses stay as they are; a failed fetch asks the app to check whether
 * the device is offline, an answer tells it it is online.
 */
class OcpiPollState extends OcpiPoller<OcpiPollConfig, OcpiPollMemory> {
  constructor() {
    super({ key: OCPI_POLL_KEY, defaults: DEFAULT_CONFIG });
  }

  protected validate(config: OcpiPollConfig): ValidationIssue[] {
    return validateOcpiPollConfig({ config });
  }

  protected hasEndpoint(config: OcpiPollConfig): boolean {
    return Boolean(config.url);
  }

  protected sameEndpoint(a: OcpiPollConfig, b: OcpiPollConfig): boolean {
    return a.url === b.url && a.token === b.token;
  }

  protected async pollOnline({ fetchFn }: { fetchFn: FetchLike; at: number }): Promise<void> {
    const r = await pollOcpi({
      url: this.config.url,
      token: this.config.token,
      tokenEncoding: this.config.tokenEncoding,
      fetch: fetchFn,
      etag: this.memory.etag,
      lastModified: this.memory.lastModified
    });
    if (r.kind === 'offline') void pwa.requestFailed();
    else pwa.requestSucceeded();
    const base = { ...this.memory, lastAttemptMs: r.fetchedAtMs, lastOutcome: r.kind };
    if (r.kind === 'ok') {
      let parsed: ReturnType<typeof parseOcpiLocations>;
      let result: Awaited<ReturnType<typeof commitPolledLocations>>;
      try {
        parsed = parseOcpiLocations({ input: r.data, file: 'poll', mode: 'partial' });
        result = await commitPolledLocations({ db: getDb(), locations: parsed.locations });
      } catch (e) {
        // An answer that cannot be read or stored is a failed poll: say so, and keep the validators
        // and the last success as they were (the next poll fetches the list again in full).
        this.memory = { ...base, lastOutcome: 'error', lastMessage: this.applyFailureMessage(e) };
        return;
      }
      this.memory = { ...base, etag: r.etag, lastModified: r.lastModified, lastSuccessMs: r.fetchedAtMs, lastMessage: undefined };
      this.lastChange =
        `${parsed.locations.length} location(s), ${result.changed} status change(s)` +
        (result.unknownLocations.length ? `; not imported here: ${result.unknownLocations.join(', ')}` : '') +
        (parsed.leftOut.length ? `; ${parsed.leftOut.length} invalid object(s) skipped` : '');
    } else if (r.kind === 'not-modified') {
      this.memory = { ...base, lastSuccessMs: r.fetchedAtMs, lastMessage: undefined };
      this.lastChange = 'not modified since the last poll';
    } else {
      this.memory = { ...base, lastMessage: r.message };
    }
  }
}

/** The app's OCPI status poller. */
export const ocpiPoll = new OcpiPollState();
