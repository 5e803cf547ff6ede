import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Evse, GridNode, Site } from '$lib/core/grid/site';
import type { OcpiLocationFacts } from '$lib/core/ocpi/parseOcpiLocations';
import type { ChargingRequest } from '$lib/core/model/charging-request';
import type { SourceKWh, SourceMix } from '$lib/core/energy/sources';

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
export type ImportKindName = 'ocpi-locations' | 'ocpi-patches' | 'ocpi-sessions' | 'acn-sessions' | 'csv-sessions' | 'generation-json' | 'generation-csv';

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
export const TABLE_NAMES = ['sites', 'nodes', 'evses', 'requests', 'sessions', 'slotResults', 'receipts', 'settings', 'replaySessions', 'imports'] as const;

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

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
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
