import type { z } from 'zod';
import { ValidationError, type ValidationIssue } from '../errors';
import { SOURCES, type SourceMix } from '../energy/sources';
import type { Site } from './site';
import { siteSchema } from './site-schema';

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
      input = JSON.parse(json);
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
  // Walk up from every node; revisiting a node on the same walk means a cycle.
  const reported = new Set<string>();
  site.nodes.forEach((node, i) => {
    const walk: string[] = [node.id];
    let parent = node.parentId;
    while (parent !== null && nodeIndex.has(parent)) {
      if (walk.includes(parent)) {
        const cycle = walk.slice(walk.indexOf(parent));
        const key = [...cycle].sort().join('|');
        if (!reported.has(key)) {
          reported.add(key);
          add(`$.nodes[${i}].parentId`, `cycle in the grid tree (${[...cycle, parent].join(' → ')}); expected a tree with one root`);
        }
        break;
      }
      walk.push(parent);
      parent = site.nodes[nodeIndex.get(parent)!].parentId;
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
