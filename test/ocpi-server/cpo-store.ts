/**
 * The state of the test CPO: Locations, Sessions, CDRs and Tariffs as OCPI 2.2.1 JSON, and a
 * simulated clock that generated traffic moves forward (each step appends a charging period to
 * every ACTIVE session, as a CPO's PATCHes would).
 */

/** An OCPI object as served (plain JSON). */
export type OcpiObject = Record<string, unknown> & { last_updated: string };

/** One generated session's settings (kept beside the OCPI object). */
type Meter = { kw: number };

/** Parameters of {@link createCpoStore}. */
export type CreateCpoStoreParameters = {
  /** Simulated clock start, epoch ms. */
  nowMs: number;
  countryCode?: string;
  partyId?: string;
};

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Creates the store of the test CPO with one generated Location of four 11 kW EVSEs. */
export function createCpoStore({ nowMs, countryCode = 'DE', partyId = 'GSL' }: CreateCpoStoreParameters) {
  let clock = nowMs;
  const locations = new Map<string, OcpiObject>();
  const sessions = new Map<string, OcpiObject>();
  const cdrs = new Map<string, OcpiObject>();
  const tariffs = new Map<string, OcpiObject>();
  const meters = new Map<string, Meter>();
  // Keys of the sessions startSession made (running or stopped): what reset forgets. A meter ends at stop, this does not.
  const generated = new Set<string>();
  const cc = countryCode;
  const pid = partyId;
  const key = (o: Record<string, unknown>) => `${String(o.country_code ?? cc)}*${String(o.party_id ?? pid)}*${String(o.id)}`;

  const evse = (n: number) => ({
    uid: `E${n}`,
    evse_id: `${cc}*${pid}*E${n}`,
    status: 'AVAILABLE',
    connectors: [{ id: '1', standard: 'IEC_62196_T2', format: 'SOCKET', power_type: 'AC_3_PHASE', max_voltage: 230, max_amperage: 16, last_updated: iso(clock) }],
    last_updated: iso(clock)
  });
  locations.set(`${cc}*${pid}*LIVE-1`, {
    country_code: cc,
    party_id: pid,
    id: 'LIVE-1',
    publish: true,
    name: 'GreenSlot test CPO car park',
    address: 'Teststraße 1',
    city: 'Kiel',
    country: 'DEU',
    coordinates: { latitude: '54.3201', longitude: '10.1402' },
    time_zone: 'Europe/Berlin',
    evses: [1, 2, 3, 4].map(evse),
    last_updated: iso(clock)
  });
  tariffs.set(`${cc}*${pid}*T-ENERGY`, {
    country_code: cc,
    party_id: pid,
    id: 'T-ENERGY',
    currency: 'EUR',
    elements: [{ price_components: [{ type: 'ENERGY', price: 0.35, vat: 19, step_size: 1 }] }],
    last_updated: iso(clock)
  });

  function setEvseStatus(locationId: string, evseUid: string, status: string): void {
    const loc = locations.get(`${cc}*${pid}*${locationId}`);
    const e = (loc?.evses as { uid: string; status: string; last_updated: string }[] | undefined)?.find((x) => x.uid === evseUid);
    if (!loc || !e) return;
    e.status = status;
    e.last_updated = iso(clock);
    loc.last_updated = iso(clock);
  }

  return {
    nowMs: () => clock,
    /** Forgets generated sessions and CDRs (spec examples stay) and sets the clock: a fresh run. */
    reset(atMs: number): void {
      clock = atMs;
      for (const k of generated) sessions.delete(k);
      for (const [k, c] of cdrs) if (String(c.id).startsWith('CDR-')) cdrs.delete(k);
      generated.clear();
      meters.clear();
    },
    /** Loads objects (e.g. the spec examples) as they are. */
    add(kind: 'locations' | 'sessions' | 'cdrs' | 'tariffs', obj: OcpiObject): void {
      ({ locations, sessions, cdrs, tariffs })[kind].set(key(obj), obj);
    },
    list(kind: 'locations' | 'sessions' | 'cdrs' | 'tariffs'): OcpiObject[] {
      return [...({ locations, sessions, cdrs, tariffs })[kind].values()];
    },
    /** Starts a session: PENDING until the next step, then ACTIVE at `kw`. */
    startSession({ id, locationId = 'LIVE-1', evseUid = 'E1', kw = 7, authorizationReference, startMs = clock }: { id: string; locationId?: string; evseUid?: string; kw?: number; authorizationReference?: string; startMs?: number }): OcpiObject {
      clock = Math.max(clock, startMs);
      const s: OcpiObject = {
        country_code: cc,
        party_id: pid,
        id,
        start_date_time: iso(startMs),
        kwh: 0,
        cdr_token: { country_code: cc, party_id: pid, uid: `APP-${id}`, type: 'APP_USER', contract_id: `${cc}-${pid}-C${id}` },
        auth_method: 'COMMAND',
        ...(authorizationReference ? { authorization_reference: authorizationReference } : {}),
        location_id: locationId,
        evse_uid: evseUid,
        connector_id: '1',
        currency: 'EUR',
        charging_periods: [],
        total_cost: { excl_vat: 0 },
        status: 'PENDING',
        last_updated: iso(clock)
      };
      sessions.set(key(s), s);
      generated.add(key(s));
      meters.set(key(s), { kw });
      setEvseStatus(locationId, evseUid, 'CHARGING');
      return s;
    },
    /** Moves the clock; every PENDING/ACTIVE generated session charges at its power meanwhile (one period per step). */
    advance(minutes: number): void {
      const from = clock;
      clock += minutes * 60_000;
      for (const [k, s] of sessions) {
        const meter = meters.get(k);
        if (!meter || (s.status !== 'ACTIVE' && s.status !== 'PENDING')) continue;
        const kwh = round3((meter.kw * minutes) / 60);
        s.status = 'ACTIVE';
        (s.charging_periods as unknown[]).push({ start_date_time: iso(from), dimensions: [{ type: 'ENERGY', volume: kwh }, { type: 'POWER', volume: meter.kw }], tariff_id: 'T-ENERGY' });
        s.kwh = round3((s.kwh as number) + kwh);
        s.total_cost = { excl_vat: round3((s.kwh as number) * 0.35) };
        s.last_updated = iso(clock);
      }
    },
    /** Changes the power of a running session from now on. */
    setPower(id: string, kw: number): boolean {
      const m = meters.get(`${cc}*${pid}*${id}`);
      if (m) m.kw = kw;
      return Boolean(m);
    },
    /** Stops a session: COMPLETED now, and its CDR (same periods and total) is issued. */
    stopSession(id: string): OcpiObject | undefined {
      const s = sessions.get(`${cc}*${pid}*${id}`);
      if (!s) return undefined;
      s.status = 'COMPLETED';
      s.end_date_time = iso(clock);
      s.last_updated = iso(clock);
      setEvseStatus(String(s.location_id), String(s.evse_uid), 'AVAILABLE');
      const cdr: OcpiObject = {
        country_code: cc,
        party_id: pid,
        id: `CDR-${id}`,
        start_date_time: s.start_date_time,
        end_date_time: s.end_date_time,
        session_id: id,
        cdr_token: s.cdr_token,
        auth_method: s.auth_method,
        ...(s.authorization_reference ? { authorization_reference: s.authorization_reference } : {}),
        cdr_location: { id: s.location_id, name: 'GreenSlot test CPO car park', address: 'Teststraße 1', city: 'Kiel', country: 'DEU', coordinates: { latitude: '54.3201', longitude: '10.1402' }, evse_uid: s.evse_uid, evse_id: `${cc}*${pid}*${String(s.evse_uid)}`, connector_id: '1', connector_standard: 'IEC_62196_T2', connector_format: 'SOCKET', connector_power_type: 'AC_3_PHASE' },
        currency: 'EUR',
        tariffs: [tariffs.get(`${cc}*${pid}*T-ENERGY`)],
        charging_periods: s.charging_periods,
        total_cost: { excl_vat: round3((s.kwh as number) * 0.35), incl_vat: round3((s.kwh as number) * 0.35 * 1.19) },
        total_energy: s.kwh,
        total_time: round3((Date.parse(String(s.end_date_time)) - Date.parse(String(s.start_date_time))) / 3_600_000),
        last_updated: iso(clock)
      };
      cdrs.set(key(cdr), cdr);
      meters.delete(`${cc}*${pid}*${id}`);
      return cdr;
    },
    /**
     * Applies a Session PATCH as OCPI describes it: the given fields replace the stored ones, except
     * charging_periods, whose new periods are appended (a period with a known start replaces it).
     */
    patchSession({ countryCode: c, partyId: p, id, patch }: { countryCode: string; partyId: string; id: string; patch: Record<string, unknown> }): 'ok' | 'unknown' | 'bad' {
      const s = sessions.get(`${c}*${p}*${id}`);
      if (!s) return 'unknown';
      if (typeof patch.last_updated !== 'string' || Number.isNaN(Date.parse(patch.last_updated))) return 'bad';
      const { charging_periods: periods, ...rest } = patch;
      Object.assign(s, rest);
      if (Array.isArray(periods)) {
        const list = s.charging_periods as { start_date_time: string }[];
        for (const np of periods as { start_date_time: string }[]) {
          const i = list.findIndex((x) => x.start_date_time === np.start_date_time);
          if (i >= 0) list[i] = np;
          else list.push(np);
        }
        list.sort((a, b) => Date.parse(a.start_date_time) - Date.parse(b.start_date_time));
      }
      return 'ok';
    }
  };
}

/** The store's type. */
export type CpoStore = ReturnType<typeof createCpoStore>;
