import type { Site } from '$lib/core/grid/site';
import type { Timeline } from '$lib/core/time/timeline';
import type { ChargingRequest } from '$lib/core/model/charging-request';
import type { Scheduler } from '$lib/core/model/scheduler';
import type { StrategyName } from '$lib/core/model/strategy-name';
import type { Engine, EngineSnapshot, GateRecord } from '$lib/core/engine/types';
import { createEngine } from '$lib/core/engine/engine';
import { edfScheduler } from '$lib/core/baselines/edf';
import { simulateChargingRequests } from '$lib/core/simulation/simulate-charging-requests';
import { gateClosureMs, sessionWindow, slotOfMs, slotStartMs } from '$lib/core/time/gates';
import { liveQuery } from 'dexie';
import { getDb, type RequestRow } from '$lib/data/db';
import { loadSite, saveSite } from '$lib/data/site-store';
import { persistStep } from '$lib/data/persist-step';
import { archiveRunningDay, restoreArchivedDay } from '$lib/data/day-archive';
import { reserveCharger } from '$lib/data/reserve-charger';
import { issueDueReceipts } from '$lib/data/issue-receipts';
import { DEFAULT_SITE } from '$lib/data/default-site';
import { workerScheduler } from '$lib/workers/worker-scheduler';
import type { SchedulerName } from '$lib/workers/protocol';
import { solver } from './solver.svelte';
import { alerts } from './alerts.svelte';
import { defaultSettings, type DemoSettings } from './demo-settings';
import { replaySettings, type ReplaySettingsReturnType } from './replay-settings';
import { boundToDemoDay } from './bound-to-demo-day';

export type { DemoPreset, DemoSettings } from './demo-settings';

/**
 * The running demonstration: the site, the demo clock (real time or accelerated, pause/step) and
 * the engine it drives. Each gate is solved in the worker; after every slot the engine's plain
 * snapshot is written to Dexie, which is what every page reads (so a reload or a second tab sees
 * the same state). After a reload the engine is rebuilt from the stored requests and replayed to
 * the stored slot the first time the clock moves (the engine is deterministic).
 */
class DemoState {
  settings = $state<DemoSettings | null>(null);
  site = $state.raw<Site | null>(null);
  nowMs = $state(0);
  running = $state(false);
  /** A gate is being solved. */
  stepping = $state(false);
  /** Replay progress after a reload. */
  replay = $state<{ done: number; total: number } | null>(null);
  lastGate = $state.raw<GateRecord | null>(null);
  snapshot = $state.raw<EngineSnapshot | null>(null);
  ready = $state(false);

  #engine: Engine | null = null;
  #engineKey = '';
  #timer: ReturnType<typeof setInterval> | null = null;
  #lastTickMs = 0;
  #init: Promise<void> | null = null;
  #queue: Promise<unknown> = Promise.resolve();

  /** Loads (or creates) the demo from Dexie; safe to call from every page. */
  init(): Promise<void> {
    this.#init ??= this.#load();
    return this.#init;
  }

  get timeline(): Timeline | null {
    return this.settings?.timeline ?? null;
  }

  /** Slot containing the simulated now. */
  get currentSlot(): number {
    const t = this.timeline;
    return t ? slotOfMs({ timeline: t, ms: this.nowMs }) : 0;
  }

  async #load(): Promise<void> {
    const db = getDb();
    const stored = (await db.settings.get('demo'))?.value as DemoSettings | undefined;
    if (stored) {
      this.settings = stored;
      this.site = (await loadSite({ db, siteId: stored.siteId })) ?? DEFAULT_SITE;
      this.nowMs = stored.nowMs;
    } else {
      await this.#fresh({ site: DEFAULT_SITE, settings: defaultSettings({ site: DEFAULT_SITE }), reason: 'First start' });
    }
    // Another tab may move the clock or reset the day: follow it while this tab's clock is idle.
    liveQuery(() => db.settings.get('demo')).subscribe((row) => {
      const v = row?.value as DemoSettings | undefined;
      if (!v || this.running || this.stepping) return;
      if (v.nowMs !== this.nowMs || v.nextSlot !== this.settings?.nextSlot || v.timeline.startMs !== this.settings?.timeline.startMs) {
        this.settings = v;
        this.nowMs = v.nowMs;
      }
    });
    this.ready = true;
  }

  /**
   * Starts a new demo day: archives the running one (drivers' sessions and receipts stay readable, and
   * the day can be restored), simulates the background requests (or takes given ones, a replay), stores everything.
   */
  async #fresh({ site, settings, replay, reason }: { site: Site; settings: DemoSettings; replay?: ChargingRequest[]; reason: string }): Promise<void> {
    const db = getDb();
    // The site the day ran on (an import may already have written a new one).
    await archiveRunningDay({ db, reason, site: this.site ? ($state.snapshot(this.site) as Site) : undefined });
    // A simulated day stays inside the demo day (cars leave by its end); a replay keeps its logged stays.
    const requests =
      replay ??
      boundToDemoDay({
        site,
        endMs: slotStartMs({ timeline: settings.timeline, slot: settings.endSlot }),
        requests: simulateChargingRequests({
          site,
          timeline: settings.timeline,
          preset: settings.preset,
          evs: settings.evs,
          seed: settings.seed,
          weekday: true
        }).requests
      }).requests;
    const rows: RequestRow[] = requests.map((r) => ({ ...r, siteId: site.id, createdMs: r.requestMs }));
    const statuses = Object.fromEntries((await db.evses.where('siteId').equals(site.id).toArray()).map((e) => [e.id, e.status]));
    await saveSite({ db, site, statuses });
    await db.transaction('rw', [db.requests, db.sessions, db.slotResults, db.receipts, db.settings, db.evses], async () => {
      await db.requests.clear();
      await db.sessions.clear();
      await db.slotResults.clear();
      await db.receipts.clear();
      await db.requests.bulkAdd(rows);
      await db.settings.put({ key: 'demo', value: $state.snapshot(settings) });
      await db.evses.where('siteId').equals(site.id).modify((e) => {
        if (e.status === 'CHARGING' || e.status === 'RESERVED') e.status = 'AVAILABLE';
      });
    });
    this.#engine = null;
    this.settings = settings;
    this.site = site;
    this.nowMs = settings.nowMs;
    this.snapshot = null;
    this.lastGate = null;
  }

  /**
   * Resets the day with new simulation parameters (keeps the site). `wipeDemoChain` also deletes the
   * embedded demo chain of this browser: resetting on the same day replays the same real slots, and a
   * ledger keeps the earlier registrations and claims (only the in-browser demo chain can be wiped).
   */
  async reset({ wipeDemoChain = false, ...changes }: Partial<Pick<DemoSettings, 'preset' | 'evs' | 'seed' | 'scheduler' | 'strategy'>> & { wipeDemoChain?: boolean } = {}): Promise<void> {
    await this.init();
    this.pause();
    await this.#serial(async () => {
      if (wipeDemoChain) {
        const [{ wipeEmbeddedChain }, { chainSetting }] = await Promise.all([import('$lib/chain/embedded/startEmbeddedChain'), import('$lib/chain/chainSetting.svelte')]);
        await wipeEmbeddedChain();
        chainSetting.embeddedChainWiped();
      }
      const site = this.site ?? DEFAULT_SITE;
      const base = defaultSettings({ site });
      const s = this.settings;
      const settings: DemoSettings = {
        ...base,
        ...(s ? { preset: s.preset, evs: s.evs, seed: s.seed, scheduler: s.scheduler, strategy: s.strategy, secondsPerSlot: s.secondsPerSlot } : {}),
        ...changes
      };
      await this.#fresh({ site, settings, reason: 'Reset day' });
    });
  }

  /** Replaces the site (site editor) and restarts the day on it. */
  async replaceSite(site: Site, reason = 'Site change'): Promise<void> {
    await this.init();
    this.pause();
    await this.#serial(async () => {
      const s = this.settings ?? defaultSettings({ site });
      await this.#fresh({ site, settings: { ...defaultSettings({ site }), preset: s.preset, evs: s.evs, seed: s.seed, scheduler: s.scheduler, strategy: s.strategy }, reason });
    });
  }

  /** Restarts the demo on the current site with imported sessions as its requests (see replaySettings). */
  async replayImported(requests: ChargingRequest[]): Promise<Omit<ReplaySettingsReturnType, 'settings' | 'requests'> & { sessions: number }> {
    await this.init();
    this.pause();
    return this.#serial(async () => {
      const site = this.site ?? DEFAULT_SITE;
      const plan = replaySettings({ site, requests, current: this.settings ? $state.snapshot(this.settings) : null });
      await this.#fresh({ site, settings: plan.settings, replay: plan.requests, reason: 'Replay in the demo' });
      return { sessions: plan.requests.length, cutCount: plan.cutCount, reassignedCount: plan.reassignedCount, unassignedCount: plan.unassignedCount };
    });
  }

  /** Brings an archived day back as the running day (the day it replaces is archived in turn). */
  async restoreArchive(archiveId: string): Promise<void> {
    await this.init();
    this.pause();
    await this.#serial(async () => {
      const db = getDb();
      const { settings, site } = await restoreArchivedDay({ db, archiveId });
      const restored = settings as DemoSettings | undefined;
      if (restored) {
        this.settings = restored;
        this.site = (await loadSite({ db, siteId: restored.siteId })) ?? site ?? this.site;
        this.nowMs = restored.nowMs;
      }
      // The engine is rebuilt from the restored requests and replayed on the next clock move.
      this.#engine = null;
      this.snapshot = null;
      this.lastGate = null;
    });
  }

  /** Changes clock speed / mode without resetting. */
  async setClock(changes: Partial<Pick<DemoSettings, 'secondsPerSlot' | 'mode'>>): Promise<void> {
    if (!this.settings) return;
    this.settings = { ...this.settings, ...changes };
    await this.#saveSettings();
  }

  /** Changes the live scheduler, strategy or gate budget from the next gate on. */
  async setScheduler(changes: Partial<Pick<DemoSettings, 'scheduler' | 'strategy' | 'gateBudgetMs'>>): Promise<void> {
    const s = this.settings;
    if (!s) return;
    const next = { ...s, ...changes };
    // Past gates keep the scheduler they ran with: the log says which one applies from which slot.
    const log = (s.schedulerLog ?? [{ fromSlot: s.startSlot, scheduler: s.scheduler, strategy: s.strategy }]).filter((e) => e.fromSlot < s.nextSlot);
    next.schedulerLog = [...log, { fromSlot: s.nextSlot, scheduler: next.scheduler, strategy: next.strategy }];
    this.settings = next;
    await this.#saveSettings();
  }

  /** Scheduler and strategy in force for the gate dispatching `slot`. */
  #schedulerAt(slot: number): { scheduler: SchedulerName; strategy: StrategyName } {
    const s = this.settings!;
    const entry = (s.schedulerLog ?? []).filter((e) => e.fromSlot <= slot).at(-1);
    return entry ?? { scheduler: s.scheduler, strategy: s.strategy };
  }

  /** Runs the clock (accelerated: one slot every `secondsPerSlot` s; real: wall time). */
  play(): void {
    if (this.running || !this.settings) return;
    this.running = true;
    this.#lastTickMs = performance.now();
    this.#timer = setInterval(() => void this.#tick(), 250);
  }

  /** Stops the clock. */
  pause(): void {
    this.running = false;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    void this.#saveSettings();
  }

  /** Moves to the next gate closure and runs it (one slot). */
  step(): Promise<void> {
    return this.#serial(async () => {
      const s = this.settings;
      if (!s || this.dayOver) return;
      // After the last gate, a step runs the clock to the end of the last slot (its sessions finish then).
      await this.#advanceTo(s.nextSlot >= s.endSlot ? slotStartMs({ timeline: s.timeline, slot: s.endSlot }) : gateClosureMs({ timeline: s.timeline, slot: s.nextSlot - 1 }));
    });
  }

  /** True when every gate has run and the clock has passed the end of the last slot. */
  get dayOver(): boolean {
    const s = this.settings;
    return !!s && s.nextSlot >= s.endSlot && this.nowMs >= slotStartMs({ timeline: s.timeline, slot: s.endSlot });
  }

  /** Moves the clock forward by `minutes`, running every gate it passes. */
  forward(minutes: number): Promise<void> {
    return this.#serial(() => this.#advanceTo(this.nowMs + minutes * 60_000));
  }

  async #tick(): Promise<void> {
    const s = this.settings;
    if (!s || this.stepping) return;
    const t = performance.now();
    const dt = t - this.#lastTickMs;
    this.#lastTickMs = t;
    // Real time runs the simulated clock at wall-clock speed from where it stands (the demo day is a model day).
    const msPerMs = s.mode === 'real' ? 1 : (s.timeline.slotMinutes * 60_000) / (s.secondsPerSlot * 1000);
    const target = this.nowMs + dt * msPerMs;
    await this.#serial(() => this.#advanceTo(target));
    if (this.dayOver) this.pause();
  }

  /** Runs operations one at a time (ticks, steps, submits never interleave). */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #advanceTo(targetMs: number): Promise<void> {
    const s = this.settings;
    if (!s) return;
    while (s.nextSlot < s.endSlot && gateClosureMs({ timeline: s.timeline, slot: s.nextSlot - 1 }) <= targetMs) {
      this.nowMs = Math.max(this.nowMs, gateClosureMs({ timeline: s.timeline, slot: s.nextSlot - 1 }));
      await this.#runGate();
      if (!this.running && targetMs - this.nowMs > 60 * 60_000) break; // a big manual jump stops after an hour
    }
    this.nowMs = Math.max(this.nowMs, Math.min(targetMs, slotStartMs({ timeline: s.timeline, slot: s.endSlot })));
    s.nowMs = this.nowMs;
    if (this.currentSlot !== this.#receiptsCheckedSlot) await this.#issueReceipts();
    if (!this.running) await this.#saveSettings();
  }

  #receiptsCheckedSlot = -1;

  /** Issues the receipts of sessions whose last slot is over now (a gate books its slot 1 min before it starts). */
  async #issueReceipts(): Promise<void> {
    const s = this.settings!;
    this.#receiptsCheckedSlot = this.currentSlot;
    await issueDueReceipts({
      db: getDb(),
      site: this.site ?? DEFAULT_SITE,
      timeline: { startMs: s.timeline.startMs, slotMinutes: s.timeline.slotMinutes },
      nowMs: this.nowMs,
      schedulerAt: (slot) => this.#schedulerAt(slot)
    });
  }

  /** The engine's scheduler: each gate asks the worker with the scheduler, strategy and budget in force then. */
  #scheduler(): Scheduler {
    return (input) => {
      const { scheduler, strategy } = this.#schedulerAt(input.firstSlot);
      const budgetMs = this.settings?.gateBudgetMs ?? 50_000;
      return workerScheduler({
        client: solver.client(),
        scheduler,
        strategy,
        timeoutMs: budgetMs,
        fallback: edfScheduler,
        onFallback: (reason) => {
          solver.fallbacks++;
          alerts.show({ kind: 'solver', level: 'warn', message: `Solver problem at this gate (${reason}); the gate used the EDF fallback plan.` });
        }
        // The solver's own limit stays inside the budget, so it answers (time-limit status) before the kill.
      })({ ...input, strategy, timeLimitMs: Math.min(input.timeLimitMs ?? 45_000, budgetMs * 0.8) });
    };
  }

  /** The engine at the stored progress: rebuilt from the stored requests and replayed if needed. */
  async #ensureEngine(): Promise<Engine> {
    const db = getDb();
    const s = this.settings!;
    const requests = await db.requests.orderBy('requestMs').toArray();
    const key = `${s.siteId}|${requests.length}|${s.timeline.startMs}`;
    if (this.#engine && this.#engineKey === key && this.#engine.snapshot().nextSlot === s.nextSlot) return this.#engine;
    const site = this.site ?? DEFAULT_SITE;
    const engine = createEngine({
      site,
      // A plain copy: the engine hands it to the worker with every gate (rune proxies cannot be cloned).
      timeline: { startMs: s.timeline.startMs, slotMinutes: s.timeline.slotMinutes },
      requests: requests.map(({ siteId: _s, createdMs: _c, ...r }) => r as ChargingRequest),
      scheduler: this.#scheduler(),
      schedulerName: s.scheduler,
      startSlot: s.startSlot,
      endSlot: s.endSlot,
      timeLimitMs: 45_000
    });
    const total = s.nextSlot - s.startSlot;
    for (let i = 0; i < total; i++) {
      this.replay = { done: i, total };
      await engine.step();
    }
    this.replay = null;
    this.#engine = engine;
    this.#engineKey = key;
    this.snapshot = engine.snapshot();
    return engine;
  }

  async #runGate(): Promise<void> {
    const s = this.settings!;
    this.stepping = true;
    try {
      const engine = await this.#ensureEngine();
      const report = await engine.step();
      const snap = engine.snapshot();
      s.nextSlot = snap.nextSlot;
      s.nowMs = this.nowMs;
      this.snapshot = snap;
      this.lastGate = report.gate;
      await persistStep({
        db: getDb(),
        snapshot: snap,
        slot: report.slot,
        gate: report.gate,
        site: this.site ?? DEFAULT_SITE,
        timeline: { startMs: s.timeline.startMs, slotMinutes: s.timeline.slotMinutes },
        nowMs: this.nowMs,
        settings: $state.snapshot(s),
        schedulerAt: (slot) => this.#schedulerAt(slot)
      });
    } finally {
      this.stepping = false;
    }
  }

  async #saveSettings(): Promise<void> {
    if (!this.settings) return;
    this.settings.nowMs = this.nowMs;
    await getDb().settings.put({ key: 'demo', value: $state.snapshot(this.settings) });
  }

  /**
   * Sends a driver's request into the running day (admitted at its gate like any other). Its charger is
   * reserved at once (RESERVED in every tab); a charger that is not free gets a `ChargerTakenError`.
   */
  async submit(request: Omit<ChargingRequest, 'requestMs' | 'origin'>): Promise<ChargingRequest> {
    await this.init();
    return this.#serial(async () => {
      const full: ChargingRequest = { ...request, requestMs: this.nowMs, origin: 'app' };
      const db = getDb();
      const engine = await this.#ensureEngine();
      const s = this.settings!;
      const { startSlot, endSlot } = sessionWindow({ timeline: s.timeline, requestMs: full.requestMs, arrivalMs: full.arrivalMs, departureMs: full.departureMs });
      const evseName = this.site?.evses.find((e) => e.id === full.evseId)?.name;
      await reserveCharger({
        db,
        evseName,
        request: { ...full, siteId: s.siteId, createdMs: Date.now() },
        // Shown until its gate admits it (then the engine's row replaces this one).
        session: {
          id: full.id,
          requestId: full.id,
          siteId: s.siteId,
          evseId: full.evseId ?? '',
          status: 'waiting',
          startSlot,
          endSlot,
          requestedKWh: full.energyKWh,
          deliveredKWh: 0,
          greenKWh: 0,
          bySourceKWh: {},
          co2G: 0,
          cost: 0,
          kwBySlot: {},
          greenKWhBySlot: {},
          plan: null,
          mine: true,
          arrivalSoc: full.arrivalSoc,
          batteryKWh: full.batteryKWh,
          updatedMs: Date.now()
        }
      });
      // Only a stored (reserved) request reaches the engine, so a refused one leaves no trace.
      engine.submit(full);
      // Keep the engine key in step with the stored request count (no rebuild needed).
      this.#engineKey = `${s.siteId}|${await db.requests.count()}|${s.timeline.startMs}`;
      return full;
    });
  }

  /** The requests of the running day, for the strategy comparison. */
  async requests(): Promise<ChargingRequest[]> {
    const rows = await getDb().requests.orderBy('requestMs').toArray();
    return rows.map(({ siteId: _s, createdMs: _c, ...r }) => r as ChargingRequest);
  }
}

/** The app's demo run. */
export const demo = new DemoState();
