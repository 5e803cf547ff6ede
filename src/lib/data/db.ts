import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Evse, GridNode, Site } from '$lib/core/grid/site';
import type { OcpiLocationFacts } from '$lib/core/ocpi/parseOcpiLocations';
import type { ChargingRequest } from '$lib/core/model/charging-request';
import type { SourceKWh, SourceMix } from '$lib/core/energy/sources';
import type { LiveCdr, LiveSession } from '$lib/core/ocpi/parseOcpiLive';
import type { CarbonSeries } from '$lib/core/carbon/carbon-series';

/**
 * GreenSlot's IndexedDB (Dexie). Every schema version stays listed with its named upgrade
 * function, so a browser that last ran any older build upgrades in place (see db.test.ts).
 */

/** OCPI 2.2.1 EVSE statuses the app shows. */
export const OCPI_STATUSES = [
  'AVAILABLE',
  'CHARGING',
  'RESERVED',
  'BLOCKED',
  'OUTOFORDER',
  'INOPERATIVE',
  'PLANNED',
  'REMOVED',
  'UNKNOWN'
] as const;

/** One OCPI EVSE status. */
export type OcpiStatus = (typeof OCPI_STATUSES)[number];

/** The OCPI Location facts a site row keeps (the rest of `OcpiLocationFacts` is the site itself or unused). */
export const SITE_OCPI_FACT_KEYS = ['countryCode', 'partyId', 'address', 'city', 'country', 'latitude', 'longitude', 'operatorName'] as const;

/** Descriptive OCPI Location facts of an imported site (display only; the optimizer never reads them). */
export type SiteOcpiFacts = Pick<OcpiLocationFacts, (typeof SITE_OCPI_FACT_KEYS)[number] | 'lastUpdatedMs'> & {
  locationId: string;
  /** The Location's energy_mix flags and figures. */
  isGreenEnergy?: boolean;
  co2GPerKWh?: number;
  supplierName?: string;
  energyProductName?: string;
};

/** A site as stored: its header; nodes and EVSEs live in their own tables. */
export type SiteRow = Omit<Site, 'nodes' | 'evses'> & {
  updatedMs: number;
  /** Set when the site came from an OCPI Locations import (no schema change: not indexed). */
  ocpi?: SiteOcpiFacts;
};

/** A grid node of a stored site. */
export type NodeRow = GridNode & { siteId: string };

/** An EVSE of a stored site, with its live OCPI status. */
export type EvseRow = Evse & {
  siteId: string;
  status: OcpiStatus;
  /** Schema v3: OCPI `last_updated` of the status, epoch ms (0 = set by the app, not by a backend). */
  statusUpdatedMs?: number;
};

/** A request as stored (who asked, and whether it came from the driver form or the simulation). */
export type RequestRow = ChargingRequest & { siteId: string; createdMs: number };

/** Session states the driver sees. */
export type SessionStatus = 'waiting' | 'charging' | 'paused' | 'finished';

/** The latest plan of a session at its last gate. */
export type SessionPlanRow = {
  /** Slot of `kw[0]`. */
  firstSlot: number;
  kw: number[];
  expectedFinishSlot: number | null;
  expectedGreenShare: number;
  shortfallKWh: number;
};

/** A session's live figures, written after every slot. */
export type SessionRow = {
  id: string;
  requestId: string;
  siteId: string;
  evseId: string;
  status: SessionStatus;
  startSlot: number;
  endSlot: number;
  requestedKWh: number;
  deliveredKWh: number;
  greenKWh: number;
  bySourceKWh: SourceKWh;
  co2G: number;
  cost: number;
  /** Delivered power per absolute slot, kW. */
  kwBySlot: Record<number, number>;
  /** Green energy per absolute slot, kWh (what a receipt claims per slot). */
  greenKWhBySlot: Record<number, number>;
  plan: SessionPlanRow | null;
  /** True for the driver's own requests (not the simulated background traffic). */
  mine: boolean;
  arrivalSoc?: number;
  batteryKWh?: number;
  /** Schema v2: when the row was last written, epoch ms. */
  updatedMs: number;
  /** Schema v4: last slot the engine booked for it once finished (it is over when that slot has run). */
  finishedSlot?: number;
  /** Schema v4: why it finished. */
  finishReason?: 'energy-met' | 'departed';
  /** Schema v4: the EVSE the driver asked for, when the engine had to use another one. */
  requestedEvseId?: string | null;
};

/** One node's figures in one slot. */
export type NodeSlotRow = {
  nodeId: string;
  evKw: number;
  baseLoadKw: number;
  pvKw: number;
  netKw: number;
  limitKw: number;
  overKw: number;
};

/** What happened at one slot (and its gate). */
export type SlotResultRow = {
  slot: number;
  siteId: string;
  nodes: NodeSlotRow[];
  evKw: number;
  greenShare: number;
  co2GPerKWh: number;
  pricePerKWh: number;
  gate: { scheduler: string; status: string; buildMs: number; solveMs: number; fallbackReason?: string } | null;
  // The engine figures green supply is computed from (chain/slotSupplyEvidence.ts; its hash is the
  // on-chain evidence). Not indexed, so no schema bump; rows from older builds lack them.
  /** Slot start, epoch ms. */
  startMs?: number;
  /** EV energy delivered in the slot, kWh. */
  evEnergyKWh?: number;
  /** Of which green, kWh. */
  greenKWh?: number;
  /** Site-wide base load, kW. */
  baseLoadKw?: number;
  /** Site-wide PV, kW. */
  pvKw?: number;
  /** Grid source mix of the slot. */
  gridMix?: SourceMix;
};

/** A finished session's receipt: the exact JSON bytes that get exported (and signed later). */
export type ReceiptRow = { sessionId: string; json: string; createdMs: number };

/**
 * Schema v4: a demo day moved out of the live tables before an operator scenario replaced it (reset,
 * replay, site change, import). Drivers' sessions and receipts stay readable from here and the
 * whole day can be restored (see day-archive.ts).
 */
export type ArchiveRow = {
  id: string;
  createdMs: number;
  /** What replaced the day, in plain words ("Reset day", "Replay in the demo", ...). */
  reason: string;
  siteId: string;
  siteName: string;
  /** Local date of the archived day at the site (YYYY-MM-DD). */
  dayLabel: string;
  /** The day's demo clock when it was archived, epoch ms (its sessions stopped there). */
  clockMs: number;
  /** The site's time zone. */
  timeZone: string;
  /** The day's slot timeline (slot numbers of its sessions are read against it). */
  timeline: { startMs: number; slotMinutes: number };
  sessionCount: number;
  mineCount: number;
  receiptCount: number;
  /** The whole day as it was (restore writes it back). */
  day: {
    settings: unknown;
    site: unknown;
    requests: RequestRow[];
    sessions: SessionRow[];
    slotResults: SlotResultRow[];
    receipts: ReceiptRow[];
  };
};

/** Schema v4: a driver's session of an archived day (what "My sessions" lists). */
export type ArchivedSessionRow = SessionRow & { archiveId: string };

/** Schema v4: a receipt of an archived day, byte for byte as issued. */
export type ArchivedReceiptRow = ReceiptRow & { archiveId: string };

/** A key/value setting (clock, strategy, selected site, ...). */
export type SettingRow = { key: string; value: unknown };

/**
 * Schema v3: a session imported from a backend log (OCPI Sessions/CDRs, ACN-Data, CSV), kept for
 * replay. Its `id` is `replaySessionKey` (import id + the log's id), so two imports never collide.
 */
export type ReplaySessionRow = ChargingRequest & { importId: string };

/** Primary key of an imported session: `${importId}/${id}` (the log's own id comes back with `replaySessionId`). */
export function replaySessionKey({ importId, id }: { importId: string; id: string }): string {
  return `${importId}/${id}`;
}

/** The log's own id of a stored replay session (rows stored before keys were per import are returned as they are). */
export function replaySessionId({ importId, id }: { importId: string; id: string }): string {
  return id.startsWith(`${importId}/`) ? id.slice(importId.length + 1) : id;
}

/** Kinds of file the import page reads. */
export type ImportKindName = 'ocpi-locations' | 'ocpi-patches' | 'ocpi-tariffs' | 'ocpi-sessions' | 'acn-sessions' | 'csv-sessions' | 'generation-json' | 'generation-csv';

/** Schema v3: one import as it landed: what it wrote and what was left out (the user's report). */
export type ImportRow = {
  id: string;
  kind: ImportKindName;
  file: string;
  createdMs: number;
  mode: 'all' | 'partial';
  /** Rows written per table. */
  written: Record<string, number>;
  /** Plain-words summary line. */
  summary: string;
  /** What was left out (partial mode) or ignored (stale patches), as "where: reason". */
  leftOut: { where: string; message: string }[];
  warnings: { where: string; message: string }[];
};

/** Name of the app database. */
export const DB_NAME = 'greenslot';

/** Tables in schema order (backup/restore walks them). */
export const TABLE_NAMES = [
  'sites',
  'nodes',
  'evses',
  'requests',
  'sessions',
  'slotResults',
  'receipts',
  'settings',
  'replaySessions',
  'imports',
  // v6 (live backend)
  'liveSessions',
  'liveCdrs',
  'receiptSources',
  'carbonSeries',
  // v4 (archived days)
  'archives',
  'archivedSessions',
  'archivedReceipts'
] as const;

/** One table name. */
export type TableName = (typeof TABLE_NAMES)[number];

/** Schema v1 (first public build). */
export const SCHEMA_V1 = {
  sites: 'id',
  nodes: '[siteId+id], siteId',
  evses: '[siteId+id], siteId, status',
  requests: 'id, siteId, requestMs',
  sessions: 'id, siteId, evseId, status',
  slotResults: '[siteId+slot], siteId',
  receipts: 'sessionId',
  settings: 'key'
} as const;

/** Schema v2: the driver's own sessions and receipts get indexes for "my sessions" lists. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  sessions: 'id, siteId, evseId, status, mine, updatedMs',
  receipts: 'sessionId, createdMs'
} as const;

/**
 * v1 → v2: v1 did not store `mine`/`updatedMs` on sessions; requests from the form had
 * origin 'app', so that is what marks a session as the driver's own.
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const appRequestIds = new Set<string>();
  await tx
    .table('requests')
    .toCollection()
    .each((r: RequestRow) => {
      if (r.origin === 'app') appRequestIds.add(r.id);
    });
  await tx
    .table('sessions')
    .toCollection()
    .modify((s: Partial<SessionRow>) => {
      s.mine = appRequestIds.has(s.requestId ?? '');
      s.updatedMs ??= 0;
    });
}

/** Schema v3: imported replay sessions and the import log. */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  replaySessions: 'id, importId, arrivalMs',
  imports: 'id, createdMs'
} as const;

/**
 * v2 → v3: EVSE statuses get the OCPI `last_updated` they were set at, so backend patches apply in
 * order; statuses from before v3 were set by the app itself, so 0 (any backend update is newer).
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  await tx
    .table('evses')
    .toCollection()
    .modify((e: Partial<EvseRow>) => {
      e.statusUpdatedMs ??= 0;
    });
}

/** Schema v4: archived days, and the drivers' sessions and receipts of those days. */
export const SCHEMA_V4 = {
  archives: 'id, createdMs',
  archivedSessions: '[archiveId+id], archiveId, id, updatedMs',
  archivedReceipts: '[archiveId+sessionId], archiveId, sessionId, createdMs'
} as const;

/** Last slot a v3 session row got energy in (its last booked slot), or its window's last slot. */
function lastBookedSlot(s: Partial<SessionRow>): number {
  const slots = Object.keys(s.kwBySlot ?? {}).map(Number);
  const met = (s.deliveredKWh ?? 0) >= (s.requestedKWh ?? Infinity) - 1e-9;
  return met && slots.length ? Math.max(...slots) : (s.endSlot ?? 1) - 1;
}

/**
 * v3 → v4: finished sessions get the slot they finished in and why (the app now shows a session
 * as finished, and issues its receipt, only once that slot has run); receipts already issued stay
 * where they are and are never rewritten from now on.
 */
export async function upgradeToV4(tx: Transaction): Promise<void> {
  await tx
    .table('sessions')
    .toCollection()
    .modify((s: Partial<SessionRow>) => {
      if (s.status !== 'finished' || s.finishedSlot !== undefined) return;
      s.finishedSlot = lastBookedSlot(s);
      s.finishReason = (s.deliveredKWh ?? 0) >= (s.requestedKWh ?? Infinity) - 1e-9 ? 'energy-met' : 'departed';
    });
}

// ---- Schema v6 (live backend: OCPI Sessions/CDRs, receipt provenance, carbon signals) ----

/** Schema v6: a live OCPI Session as last received from the backend. */
export type LiveSessionRow = LiveSession & {
  /** Where it came from: the polled endpoint's origin, or `file:<name>` for a dropped file. */
  backend: string;
  /** When this version was received, epoch ms (wall clock). */
  receivedMs: number;
  /** The GreenSlot session it is the measurement of (by authorization_reference, else EVSE and time). */
  linkedSessionId?: string;
};

/** Schema v6: a CDR as received (final figures of a session). */
export type LiveCdrRow = LiveCdr & { backend: string; receivedMs: number; linkedSessionId?: string };

/** Schema v6: where a stored receipt's figures came from, and the receipt it replaced. */
export type ReceiptSourceRow = {
  sessionId: string;
  kind: 'simulation' | 'ocpi-cdr';
  /** `LiveCdr.key` when the figures are the CDR's. */
  cdrKey?: string;
  cdrId?: string;
  backend?: string;
  /** When the CDR was received, epoch ms. */
  receivedMs?: number;
  /** The CDR's last_updated the receipt was issued from (a newer CDR re-issues it). */
  cdrLastUpdatedMs?: number;
  /** The receipt JSON this one replaced (to show the difference). */
  previousJson?: string;
};

/** Schema v6: an imported or polled carbon signal series. */
export type CarbonSeriesRow = CarbonSeries & { id: string; importedMs: number };

/** Schema v6 (live-backend stream): only the tables it adds (Dexie 4 inherits the rest). */
export const SCHEMA_V6 = {
  liveSessions: 'key, evseUid, status, lastUpdatedMs, linkedSessionId',
  liveCdrs: 'key, sessionKey, linkedSessionId, receivedMs',
  receiptSources: 'sessionId, cdrKey',
  carbonSeries: 'id, kind'
} as const;

/**
 * v5 → v6: receipts stored before v6 were all issued from the demo's simulated figures; each gets a
 * provenance row saying so, so every receipt says where its figures came from.
 */
export async function upgradeToV6(tx: Transaction): Promise<void> {
  const rows: ReceiptSourceRow[] = [];
  await tx
    .table('receipts')
    .toCollection()
    .each((r: ReceiptRow) => {
      rows.push({ sessionId: r.sessionId, kind: 'simulation' });
    });
  await tx.table('receiptSources').bulkPut(rows);
}

/** The typed database. */
export class GreenSlotDb extends Dexie {
  sites!: EntityTable<SiteRow, 'id'>;
  nodes!: Dexie.Table<NodeRow, [string, string]>;
  evses!: Dexie.Table<EvseRow, [string, string]>;
  requests!: EntityTable<RequestRow, 'id'>;
  sessions!: EntityTable<SessionRow, 'id'>;
  slotResults!: Dexie.Table<SlotResultRow, [string, number]>;
  receipts!: EntityTable<ReceiptRow, 'sessionId'>;
  settings!: EntityTable<SettingRow, 'key'>;
  replaySessions!: EntityTable<ReplaySessionRow, 'id'>;
  imports!: EntityTable<ImportRow, 'id'>;
  liveSessions!: EntityTable<LiveSessionRow, 'key'>;
  liveCdrs!: EntityTable<LiveCdrRow, 'key'>;
  receiptSources!: EntityTable<ReceiptSourceRow, 'sessionId'>;
  carbonSeries!: EntityTable<CarbonSeriesRow, 'id'>;
  archives!: EntityTable<ArchiveRow, 'id'>;
  archivedSessions!: Dexie.Table<ArchivedSessionRow, [string, string]>;
  archivedReceipts!: Dexie.Table<ArchivedReceiptRow, [string, string]>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
    this.version(4).stores(SCHEMA_V4).upgrade(upgradeToV4);
    this.version(6).stores(SCHEMA_V6).upgrade(upgradeToV6);
  }
}

/** Parameters of `createDb`. */
export type CreateDbParameters = {
  name?: string;
  /** Called when another tab opened a newer schema: this tab must let go (the app reloads). */
  onVersionChange?: () => void;
  /** Dexie options (tests pass fake-indexeddb's indexedDB/IDBKeyRange here). */
  dexieOptions?: ConstructorParameters<typeof Dexie>[1];
};

/** Opens (lazily) the app database and wires the `versionchange` handler. */
export function createDb({ name = DB_NAME, onVersionChange, dexieOptions }: CreateDbParameters = {}): GreenSlotDb {
  const db = new GreenSlotDb(name, dexieOptions);
  db.on('versionchange', () => {
    // Another tab upgraded the schema: close so its upgrade can proceed, then reload on the new code.
    db.close();
    onVersionChange?.();
    return false;
  });
  return db;
}

let appDb: GreenSlotDb | undefined;

/** The app's singleton database (browser only); reloads the page when another tab upgrades it. */
export function getDb(): GreenSlotDb {
  appDb ??= createDb({ onVersionChange: () => location.reload() });
  return appDb;
}
