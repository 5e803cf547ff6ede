import { parseOcpiLive, type ParseOcpiLiveParameters } from '$lib/core/ocpi/parseOcpiLive';
import { commitLiveOcpi, type CommitLiveOcpiResult } from './commit-live-ocpi';
import type { GreenSlotDb } from './db';

/** Parameters of {@link ingestLiveOcpi}. */
export type IngestLiveOcpiParameters = Pick<ParseOcpiLiveParameters, 'json' | 'file' | 'kind' | 'mode'> & {
  db: GreenSlotDb;
  backend: string;
  receivedMs?: number;
};

/**
 * Polled pages or a dropped file of OCPI Sessions/CDRs → stored live sessions, CDRs and receipts.
 * All-or-nothing by default: a bad object throws a ValidationError naming its JSON path before
 * anything is written, so what is stored never changes on bad input.
 */
export async function ingestLiveOcpi({ db, json, file, kind, mode = 'all', backend, receivedMs }: IngestLiveOcpiParameters): Promise<CommitLiveOcpiResult & { leftOut: number }> {
  const parsed = parseOcpiLive({ json, file, kind, mode });
  const result = await commitLiveOcpi({ db, sessions: parsed.sessions, cdrs: parsed.cdrs, backend, receivedMs });
  return { ...result, leftOut: parsed.leftOut.length };
}
