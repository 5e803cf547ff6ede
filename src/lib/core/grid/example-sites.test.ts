import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSite } from './parse-site';
import { buildGridRows, evaluateGridRows } from './grid-rows';
import { siteTree } from './site-tree';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../examples/sites');
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const load = (name: string) => parseSite(readFileSync(resolve(dir, name), 'utf8'), `examples/sites/${name}`);

describe('examples/sites', () => {
  it('has the caltech, demo and three-level sites', () => {
    expect(files).toEqual(expect.arrayContaining(['caltech.json', 'demo.json', 'three-level.json']));
  });
  it.each(files)('%s parses and builds grid rows', (name) => {
    const site = load(name);
    const rows = buildGridRows({ site, slots: [0, 40, 95] });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) for (const v of row.rhs) expect(Number.isFinite(v) && v >= 0).toBe(true);
  });
});

describe('examples/sites/caltech.json', () => {
  const site = load('caltech.json');
  const rows = buildGridRows({ site, slots: [0] });
  it('has the 54 ACN EVSEs: 26 on AB (incl. both pods), 14 on BC, 14 on CA', () => {
    expect(site.evses).toHaveLength(54);
    const count = (p: string) => site.evses.filter((e) => e.phase === p).length;
    expect([count('AB'), count('BC'), count('CA')]).toEqual([26, 14, 14]);
    expect(site.evses.map((e) => e.id)).toEqual(expect.arrayContaining(['CA-148', 'CA-149', 'CA-496', 'CA-513']));
    expect(siteTree(site).subtreeEvseIds.get('cc-pod')).toHaveLength(8);
  });
  it('lets one EVSE draw 32 A but flags the transformer and the pods when all 54 do', () => {
    const all = Object.fromEntries(site.evses.map((e) => [e.id, e.maxKw]));
    const over = evaluateGridRows({ rows, slotIndex: 0, kwByEvse: all }).filter((o) => o.overKw > 0);
    expect(over.some((o) => o.name.startsWith('xfmr.xfmr.sec.'))).toBe(true);
    expect(over.some((o) => o.name === 'node.cc-pod')).toBe(true);
    const one = evaluateGridRows({ rows, slotIndex: 0, kwByEvse: { 'CA-148': site.evses[0].maxKw } });
    expect(one.every((o) => o.overKw === 0)).toBe(true);
  });
  it('limits a pod to 80 A: eight EVSEs at 10 A fit, at 11 A they do not', () => {
    const pod = site.evses.filter((e) => e.nodeId === 'av-pod');
    const at = (amps: number) => Object.fromEntries(pod.map((e) => [e.id, (amps * 208) / 1000]));
    const row = (amps: number) => evaluateGridRows({ rows, slotIndex: 0, kwByEvse: at(amps) }).find((o) => o.name === 'node.av-pod')!;
    expect(row(10).overKw).toBe(0);
    expect(row(11).overKw).toBeCloseTo((8 * 11 - 80) * 0.208, 9);
  });
});

describe('examples/sites/demo.json', () => {
  const site = load('demo.json');
  it('is a small 3-phase site with 96-value base load, PV, mix and prices', () => {
    expect(site.evses.length).toBeGreaterThanOrEqual(12);
    expect(site.evses.length).toBeLessThanOrEqual(20);
    expect(site.nodes.find((n) => n.baseLoadKw !== undefined)!.baseLoadKw).toHaveLength(96);
    expect(site.pv![0].kw).toHaveLength(96);
    expect(site.energy!.gridMix).toHaveLength(96);
    expect(site.energy!.pricePerKWh).toHaveLength(96);
    expect(Math.max(...siteTree(site).depthOf.values())).toBe(3);
  });
});
