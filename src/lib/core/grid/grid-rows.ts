import { profileAt } from '../profile';
import type { Evse, PhaseConnection, Site } from './site';
import { siteTree, type SiteTree } from './site-tree';
import { DEFAULT_POLYGON_SIDES, phasor, polygonDirections, polygonMargin, projectPhasor, type Phasor } from './phasor-polygon';
import { lineVoltageV, phaseVoltageV } from './voltages';

/**
 * The grid constraints of a site as linear rows over EVSE powers (kW), shared by the optimizer,
 * the baselines and the metrics so all three agree on what "within limits" means.
 *
 * - `node.<id>`: Σ P over the node's subtree ≤ limitKw − base load + PV of the subtree.
 * - `phase.<id>.<L1|L2|L3>` (nodes with `phaseLimitA`): phase current ≤ limit, scaled by V_LN/1000
 *   to kW-equivalents. L1..L3 EVSEs count fully on their line, 3P EVSEs 1/3, line-to-line EVSEs
 *   count |I|·V_LN/1000 on both their lines (a magnitude sum: safe, slightly conservative). Base
 *   load and PV are assumed balanced (1/3 per phase).
 * - `xfmr.<id>.<sec|pri>.<a|b|c>.<k>` (nodes with `transformer`): the ACN model. EVSE currents are
 *   phasors (AB 30°, BC −90°, CA 150° as in acnportal's CaltechACN; L1 0°, L2 −120°, L3 120°;
 *   3P balanced), secondary phase currents I_a = I_ab − I_ca + I_L1 …, primary line currents
 *   I_A = (I_a − I_c)/(√3·turnsRatio) (delta primary, wye secondary; ACN's ¼ at 480/208). Each
 *   |I| ≤ limit becomes the K-sided inner polygon of `phasor-polygon.ts` (rows scaled by V/1000 to
 *   kW-equivalents); safe, losing at most 1 − cos(π/K) of capacity (3.4 % at K = 12).
 *
 * Every rhs is clamped at ≥ 0: when base load alone exceeds a limit, EVs get nothing there, but
 * zero charging always stays feasible (the overload is not theirs to fix).
 */
export type GridRow = {
  /** Readable name: `node.<nodeId>`, `phase.<nodeId>.<L1|L2|L3>`, `xfmr.<nodeId>.<sec|pri>.<a|b|c>.<k>` */
  name: string;
  nodeId: string;
  /** EVSE ids with non-zero coefficient and their coefficients: row is Σ coeffs[i]·P(evseIds[i]) [kW] ≤ rhs */
  evseIds: string[];
  coeffs: number[];
  /** Right-hand side per requested slot (same order as `slots`). For node rows: limit − base load
   *  in the subtree + PV in the subtree (kW). For phase rows: current limit converted to the row's unit. */
  rhs: number[];
};

/** Parameters of `buildGridRows`. */
export type BuildGridRowsParameters = {
  site: Site;
  /** Absolute slots the rhs arrays cover, in this order. */
  slots: readonly number[];
  /** Sides of the transformer polygon (rows per phase and side), default 12. */
  polygonSides?: number;
};

const SQRT3 = Math.sqrt(3);
const PHASES = ['a', 'b', 'c'] as const;
type Phase3 = (typeof PHASES)[number];
/** Angle of phase a, b, c of the wye secondary, degrees. */
const PHASE_ANGLE_DEG: Record<Phase3, number> = { a: 0, b: -120, c: 120 };
/** Angle of a line-to-line EVSE's current, degrees (acnportal CaltechACN: AB 30, BC −90, CA 150). */
const LL_ANGLE_DEG = { AB: 30, BC: -90, CA: 150 } as const;
const EPS = 1e-12;

/** Builds every grid row of a site for the given slots (see GridRow for the row families). */
export function buildGridRows({ site, slots, polygonSides = DEFAULT_POLYGON_SIDES }: BuildGridRowsParameters): GridRow[] {
  const tree = siteTree(site);
  const netKwBySubtree = subtreeNetLoadKw({ site, tree, slots });
  const evseById = new Map(site.evses.map((e) => [e.id, e]));
  const vLN = phaseVoltageV(site);
  const vLL = lineVoltageV(site);
  const rows: GridRow[] = [];
  for (const nodeId of tree.topDown) {
    const evseIds = tree.subtreeEvseIds.get(nodeId) ?? [];
    if (evseIds.length === 0) continue;
    const node = tree.nodeById.get(nodeId)!;
    const net = netKwBySubtree.get(nodeId)!;
    const evses = evseIds.map((id) => evseById.get(id)!);
    rows.push({
      name: `node.${nodeId}`,
      nodeId,
      evseIds: [...evseIds],
      coeffs: evseIds.map(() => 1),
      rhs: slots.map((slot, i) => clamp0(profileAt(node.limitKw, slot) - net[i]))
    });
    if (node.phaseLimitA !== undefined) {
      const limitKw = (node.phaseLimitA * vLN) / 1000;
      for (const line of ['L1', 'L2', 'L3'] as const) {
        const coeffs = evses.map((e) => lineShare(e.phase, line, vLN, vLL));
        rows.push(sparseRow(`phase.${nodeId}.${line}`, nodeId, evses, coeffs, net.map((n) => clamp0(limitKw - n / 3))));
      }
    }
    if (node.transformer) {
      rows.push(...transformerRows({ nodeId, evses, net, vLN, vLL, spec: node.transformer, polygonSides }));
    }
  }
  return rows;
}

/** One row's overload for some EVSE powers at one slot. */
export type GridRowOverload = { name: string; nodeId: string; overKw: number };

/** Per-row overload for given EVSE powers at slot index i of the rows' slots: max(0, lhs − rhs). */
export function evaluateGridRows({ rows, slotIndex, kwByEvse }: { rows: readonly GridRow[]; slotIndex: number; kwByEvse: Record<string, number> }): GridRowOverload[] {
  return rows.map((row) => {
    let lhs = 0;
    for (let i = 0; i < row.evseIds.length; i++) lhs += row.coeffs[i] * (kwByEvse[row.evseIds[i]] ?? 0);
    return { name: row.name, nodeId: row.nodeId, overKw: Math.max(0, lhs - row.rhs[slotIndex]) };
  });
}

/** Current phasor of 1 kW drawn by an EVSE, per secondary phase a/b/c, in A. */
export function evsePhaseCurrentsPerKw({ phase, vLN, vLL }: { phase: PhaseConnection; vLN: number; vLL: number }): Record<Phase3, Phasor> {
  const zero = { re: 0, im: 0 };
  const out: Record<Phase3, Phasor> = { a: zero, b: zero, c: zero };
  const lineToNeutral = (p: Phase3, share: number) => phasor({ magnitude: (share * 1000) / vLN, angleDeg: PHASE_ANGLE_DEG[p] });
  switch (phase) {
    case 'L1':
      return { ...out, a: lineToNeutral('a', 1) };
    case 'L2':
      return { ...out, b: lineToNeutral('b', 1) };
    case 'L3':
      return { ...out, c: lineToNeutral('c', 1) };
    case '3P':
      return { a: lineToNeutral('a', 1 / 3), b: lineToNeutral('b', 1 / 3), c: lineToNeutral('c', 1 / 3) };
    default: {
      // A delta branch current leaves one line and returns on the other: I_a = I_ab − I_ca, etc.
      const i = phasor({ magnitude: 1000 / vLL, angleDeg: LL_ANGLE_DEG[phase] });
      const neg = { re: -i.re, im: -i.im };
      if (phase === 'AB') return { ...out, a: i, b: neg };
      if (phase === 'BC') return { ...out, b: i, c: neg };
      return { ...out, c: i, a: neg };
    }
  }
}

function transformerRows({
  nodeId,
  evses,
  net,
  vLN,
  vLL,
  spec,
  polygonSides
}: {
  nodeId: string;
  evses: Evse[];
  net: number[];
  vLN: number;
  vLL: number;
  spec: NonNullable<Site['nodes'][number]['transformer']>;
  polygonSides: number;
}): GridRow[] {
  const dirs = polygonDirections(polygonSides);
  const margin = polygonMargin(polygonSides);
  const perKw = evses.map((e) => evsePhaseCurrentsPerKw({ phase: e.phase, vLN, vLL }));
  // Balanced base load minus PV of the subtree: A per kW on each secondary phase, in phase with its voltage.
  const basePerKw = Object.fromEntries(PHASES.map((p) => [p, phasor({ magnitude: 1000 / (3 * vLN), angleDeg: PHASE_ANGLE_DEG[p] })])) as Record<Phase3, Phasor>;
  const rows: GridRow[] = [];
  const side = (kind: 'sec' | 'pri', limitA: number, current: (p: Phase3, c: Record<Phase3, Phasor>) => Phasor, kwPerA: number) => {
    for (const p of PHASES) {
      const baseI = current(p, basePerKw);
      const evseI = perKw.map((c) => current(p, c));
      dirs.forEach((theta, k) => {
        const coeffs = evseI.map((z) => projectPhasor(z, theta) * kwPerA);
        const baseProj = projectPhasor(baseI, theta) * kwPerA;
        const cap = limitA * margin * kwPerA;
        rows.push(sparseRow(`xfmr.${nodeId}.${kind}.${p}.${k}`, nodeId, evses, coeffs, net.map((n) => clamp0(cap - baseProj * n))));
      });
    }
  };
  side('sec', spec.secondaryLimitA, (p, c) => c[p], vLN / 1000);
  if (spec.primaryLimitA !== undefined) {
    const n = spec.turnsRatio ?? 1;
    // Delta primary line current I_A = (I_a − I_c)/(√3·n); B and C follow cyclically.
    const prev: Record<Phase3, Phase3> = { a: 'c', b: 'a', c: 'b' };
    const primary = (p: Phase3, c: Record<Phase3, Phasor>): Phasor => ({
      re: (c[p].re - c[prev[p]].re) / (SQRT3 * n),
      im: (c[p].im - c[prev[p]].im) / (SQRT3 * n)
    });
    side('pri', spec.primaryLimitA, primary, (vLN * n) / 1000);
  }
  return rows.filter((r) => r.evseIds.length > 0);
}

/** Share of an EVSE's power that loads `line`, in kW-equivalents at the phase voltage. */
function lineShare(phase: PhaseConnection, line: 'L1' | 'L2' | 'L3', vLN: number, vLL: number): number {
  if (phase === line) return 1;
  if (phase === '3P') return 1 / 3;
  const lines: Record<string, readonly string[]> = { AB: ['L1', 'L2'], BC: ['L2', 'L3'], CA: ['L3', 'L1'] };
  return lines[phase]?.includes(line) ? vLN / vLL : 0;
}

function sparseRow(name: string, nodeId: string, evses: Evse[], coeffs: number[], rhs: number[]): GridRow {
  const row: GridRow = { name, nodeId, evseIds: [], coeffs: [], rhs };
  coeffs.forEach((c, i) => {
    if (Math.abs(c) > EPS) {
      row.evseIds.push(evses[i].id);
      row.coeffs.push(c);
    }
  });
  return row;
}

/** Base load minus PV of each node's subtree, kW, per requested slot. */
function subtreeNetLoadKw({ site, tree, slots }: { site: Site; tree: SiteTree; slots: readonly number[] }): Map<string, number[]> {
  const own = new Map<string, number[]>();
  for (const node of site.nodes) own.set(node.id, slots.map((s) => profileAt(node.baseLoadKw, s)));
  for (const pv of site.pv ?? []) {
    const at = own.get(pv.nodeId);
    if (at) slots.forEach((s, i) => (at[i] -= profileAt(pv.kw, s)));
  }
  for (let i = tree.topDown.length - 1; i >= 0; i--) {
    const id = tree.topDown[i];
    const mine = own.get(id)!;
    for (const child of tree.childrenOf.get(id) ?? []) {
      const theirs = own.get(child)!;
      for (let j = 0; j < mine.length; j++) mine[j] += theirs[j];
    }
  }
  return own;
}

function clamp0(x: number): number {
  return x > 0 ? x : 0;
}
