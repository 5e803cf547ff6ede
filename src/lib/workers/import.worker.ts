/// <reference lib="webworker" />
import { createDb, type GreenSlotDb } from '$lib/data/db';
import type { ImportRequest, ImportResponse } from './import-protocol';
import { runImportJob } from './import-job';

/**
 * The import worker: reads a picked file as a text stream, parses it and writes it to IndexedDB
 * here, so neither a 50 MB file nor 200k sessions ever block the page. Dexie broadcasts the
 * committed change, so the page's liveQueries see it (see docs/ocpi.md "In the app").
 */
declare const self: DedicatedWorkerGlobalScope;

let db: GreenSlotDb | undefined;

function workerDb(): GreenSlotDb {
  // Same database and schema class as the page. When another tab upgrades the schema, createDb
  // closes this connection (a worker cannot reload); the next import opens a fresh one.
  db ??= createDb({ onVersionChange: () => (db = undefined) });
  return db;
}

self.onmessage = (event: MessageEvent<ImportRequest>) =>
  runImportJob({ request: event.data, db: workerDb(), post: (message: ImportResponse) => self.postMessage(message) });
