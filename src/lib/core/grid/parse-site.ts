import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors';
import { SOURCES, type SourceMix } from '../energy/sources';
import type { Site } from './site';
import { SITE_LIMITS, siteSchema } from './site-schema';

/** Tolerance on a grid mix's share sum (shares must add up to 1 ± this). */
export const MIX_SUM_TOLERANCE = 1e-6;

/** `['nodes', 2, 'limitKw']` → `$.nodes[2].limitKw`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : `${acc}.${String(key)}`), '$');
}

/**
 * Validates a Site JSON (a parsed object, or the JSON text) and returns the typed Site.
 * Every problem becomes a ValidationIssue naming `file`, the JSON path and what was expected;
 * all of them are thrown together as one ValidationError (a site loads whole or not at all).
 * @example parseSite(JSON.parse(text), 'examples/sites/demo.json')
 */
export function parseSite(json: unknown, file = 'site.json'): Site {
  let input = json;
  if (typeof json === 'string') {
    try {
      // A byte-order mark (Windows editors write one) is not part of the JSON text.
      input = JSON.parse(json.replace(/^\uFEFF/, ''));
    } catch (cause) {
      throw new ValidationError([{ file, where: '$', message: `expected JSON text (${(cause as Error).message})` }], { cause });
    }
  }
  const parsed = siteSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => zodIssue(file, i)));
  const { $schema: _schema, ...site } = parsed.data;
  const issues = checkSite(site as Site, file);
  if (issues.length > 0) throw new ValidationError(issues);
  return site as Site;
}

function zodIssue(file: string, issue: z.core.$ZodIssue): ValidationIssue {
  if (issue.code === 'unrecognized_keys') {
    return { file, where: jsonPath(issue.path), message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (misspelt? see docs/site-json.md)` };
  }
  return { file, where: jsonPath(issue.path), message: issue.message };
}

/** Cross-field checks on a structurally valid site: ids, tree shape, references, ranges between fields. */
function checkSite(site: Site, file: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (where: string, message: string) => issues.push({ file, where, message });

  const uniqueIds = (list: readonly { id: string }[], key: string) => {
    const first = new Map<string, number>();
    list.forEach((item, i) => {
      const seen = first.get(item.id);
      if (seen !== undefined) add(`$.${key}[${i}].id`, `duplicate id "${item.id}" (first used at $.${key}[${seen}]); expected unique ids`);
      else first.set(item.id, i);
    });
    return first;
  };
  const nodeIndex = uniqueIds(site.nodes, 'nodes');
  uniqueIds(site.evses, 'evses');
  uniqueIds(site.pv ?? [], 'pv');

  const roots = site.nodes.flatMap((n, i) => (n.parentId === null ? [i] : []));
  if (roots.length === 0) add('$.nodes', 'expected exactly one root node (parentId null), found none');
  roots.slice(1).forEach((i) => add(`$.nodes[${i}].parentId`, `expected exactly one root node; $.nodes[${roots[0]}] is already the root`));

  site.nodes.forEach((node, i) => {
    if (node.parentId !== null && !nodeIndex.has(node.parentId)) add(`$.nodes[${i}].parentId`, `unknown parent "${node.parentId}"; expected the id of another node`);
  });
  // Walk up from every node until a node already known to reach the root (or to be in a reported
  // cycle); meeting a node of the current walk means a cycle. Each node is walked once: linear in
  // the number of nodes, so a 20,000-level chain costs 20,000 steps, not 20,000². Depths come out
  // of the same walk: a tree deeper than SITE_LIMITS.treeDepth is refused, since the engine keeps
  // every node's subtree (depth × nodes entries) and real grids are a handful of levels deep.
  const DONE = 2;
  const ON_WALK = 1;
  const state = new Uint8Array(site.nodes.length);
  const depth = new Int32Array(site.nodes.length).fill(-1);
  let tooDeep = false;
  site.nodes.forEach((node, i) => {
    if (state[i] === DONE) return;
    const walk: number[] = [i];
    state[i] = ON_WALK;
    let parent = node.parentId;
    let base = parent === null ? -1 : -2; // -1: walk ended at the root; -2: unknown parent or cycle
    while (parent !== null) {
      const p = nodeIndex.get(parent);
      if (p === undefined) break;
      if (state[p] === DONE) {
        base = depth[p] >= 0 ? depth[p] : -2;
        break;
      }
      if (state[p] === ON_WALK) {
        const ids = [...walk.slice(walk.indexOf(p)).map((k) => site.nodes[k].id), parent];
        const shown = ids.length > 12 ? [...ids.slice(0, 6), `… ${ids.length - 9} more …`, ...ids.slice(-3)] : ids;
        add(`$.nodes[${i}].parentId`, `cycle in the grid tree (${shown.join(' → ')}); expected a tree with one root`);
        break;
      }
      walk.push(p);
      state[p] = ON_WALK;
      parent = site.nodes[p].parentId;
      if (parent === null) base = -1;
    }
    for (let k = walk.length - 1; k >= 0; k--) {
      state[walk[k]] = DONE;
      if (base >= -1) depth[walk[k]] = base + (walk.length - k);
    }
    const deepest = walk.findIndex((k) => depth[k] > SITE_LIMITS.treeDepth);
    if (!tooDeep && deepest !== -1) {
      tooDeep = true;
      const k = walk[deepest];
      add(`$.nodes[${k}].parentId`, `node "${site.nodes[k].id}" is ${depth[k]} levels below the root; expected at most ${SITE_LIMITS.treeDepth} levels (connection → transformer → feeder → pod is 3)`);
    }
  });

  site.evses.forEach((evse, i) => {
    if (!nodeIndex.has(evse.nodeId)) add(`$.evses[${i}].nodeId`, `unknown node "${evse.nodeId}"; expected the id of a node`);
    if (evse.minKw > evse.maxKw) add(`$.evses[${i}].minKw`, `minKw ${evse.minKw} is above maxKw ${evse.maxKw}; expected minKw ≤ maxKw`);
    if ((evse.phase === 'AB' || evse.phase === 'BC' || evse.phase === 'CA') && site.lineVoltageV === undefined) {
      add(`$.evses[${i}].phase`, `line-to-line phase "${evse.phase}" needs "lineVoltageV" at the top level (e.g. 208)`);
    }
  });
  (site.pv ?? []).forEach((plant, i) => {
    if (!nodeIndex.has(plant.nodeId)) add(`$.pv[${i}].nodeId`, `unknown node "${plant.nodeId}"; expected the id of a node`);
  });
  const checkSums = (mixes: readonly SourceMix[], path: string) =>
    mixes.forEach((mix, i) => {
      const total = SOURCES.reduce((acc, s) => acc + (mix[s] ?? 0), 0);
      if (Math.abs(total - 1) > MIX_SUM_TOLERANCE) {
        add(`${path}[${i}]`, `shares sum to ${+total.toFixed(9)}; expected 1 ± ${MIX_SUM_TOLERANCE} (divide each share by the sum)`);
      }
    });
  checkSums(site.energy?.gridMix ?? [], '$.energy.gridMix');
  checkSums(site.energy?.gridMixSeries?.mixes ?? [], '$.energy.gridMixSeries.mixes');
  if (!isTimeZone(site.timezone)) add('$.timezone', `unknown time zone "${site.timezone}"; expected an IANA name like Europe/Amsterdam`);
  return issues;
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
