import { describe, expect, it } from 'vitest';
import { ValidationError, type ValidationIssue } from '../errors';
import { parseSite } from './parse-site';

const good = () => ({
  id: 'demo',
  name: 'Demo',
  timezone: 'Europe/Amsterdam',
  nodes: [
    { id: 'root', parentId: null, limitKw: 100, baseLoadKw: [1, 2] },
    { id: 'f1', parentId: 'root', limitKw: 50, phaseLimitA: 63 }
  ],
  evses: [{ id: 'e1', nodeId: 'f1', maxKw: 11, minKw: 4.14, phase: '3P' }],
  pv: [{ id: 'pv', nodeId: 'root', kw: [0, 3] }],
  energy: { gridMix: [{ wind: 0.4, gas: 0.6 }], pricePerKWh: [-0.01, 0.2], currency: 'EUR' }
});

/** The issues a bad site raises (fails the test when it parses). */
function issuesOf(json: unknown): ValidationIssue[] {
  try {
    parseSite(json, 'x.json');
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return (e as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('parseSite', () => {
  it('returns the typed site for valid JSON, as object or text, allowing negative prices', () => {
    const site = parseSite(good());
    expect(site.nodes[1].phaseLimitA).toBe(63);
    expect(parseSite(JSON.stringify(good()))).toEqual(site);
  });
  it('error: names file, JSON path and the expectation for a non-finite or negative number', () => {
    const bad = good();
    (bad.nodes[1] as { limitKw: unknown }).limitKw = Number.NaN;
    bad.evses[0].maxKw = Number.POSITIVE_INFINITY;
    bad.nodes[0].baseLoadKw = [1, -2];
    const issues = issuesOf(bad);
    expect(issues.map((i) => i.where)).toEqual(expect.arrayContaining(['$.nodes[1].limitKw', '$.evses[0].maxKw', '$.nodes[0].baseLoadKw[1]']));
    expect(issues.every((i) => i.file === 'x.json')).toBe(true);
    expect(issues.find((i) => i.where === '$.nodes[0].baseLoadKw[1]')!.message).toMatch(/≥ 0/);
  });
  it('error: rejects an empty profile array and an unknown (misspelt) field', () => {
    const bad = good() as Record<string, unknown> & ReturnType<typeof good>;
    bad.pv[0].kw = [];
    (bad.nodes[0] as Record<string, unknown>).limitKW = 5;
    const issues = issuesOf(bad);
    expect(issues.find((i) => i.where === '$.pv[0].kw')!.message).toMatch(/non-empty/);
    expect(issues.find((i) => i.where === '$.nodes[0]')!.message).toMatch(/unknown field "limitKW"/);
  });
  it('error: reports duplicate ids, a second root and an unknown parent', () => {
    const bad = good();
    bad.nodes.push({ id: 'f1', parentId: 'nowhere', limitKw: 1 } as never, { id: 'r2', parentId: null, limitKw: 1 } as never);
    const issues = issuesOf(bad);
    expect(issues).toContainEqual(expect.objectContaining({ where: '$.nodes[2].id', message: expect.stringMatching(/duplicate id "f1"/) }));
    expect(issues).toContainEqual(expect.objectContaining({ where: '$.nodes[2].parentId', message: expect.stringMatching(/unknown parent "nowhere"/) }));
    expect(issues).toContainEqual(expect.objectContaining({ where: '$.nodes[3].parentId', message: expect.stringMatching(/exactly one root/) }));
  });
  it('error: reports a cycle once, and a site without a root', () => {
    const bad = good();
    bad.nodes.push({ id: 'a', parentId: 'b', limitKw: 1 } as never, { id: 'b', parentId: 'a', limitKw: 1 } as never);
    const cycle = issuesOf(bad).filter((i) => /cycle/.test(i.message));
    expect(cycle).toHaveLength(1);
    expect(cycle[0].message).toMatch(/a → b → a/);
    const rootless = good();
    rootless.nodes[0].parentId = 'f1' as never;
    expect(issuesOf(rootless).map((i) => i.where)).toContain('$.nodes');
  });
  it('error: rejects an EVSE on an unknown node, minKw above maxKw, and line-to-line without lineVoltageV', () => {
    const bad = good();
    bad.evses.push({ id: 'e2', nodeId: 'ghost', maxKw: 7, minKw: 8, phase: 'AB' });
    const issues = issuesOf(bad);
    expect(issues.map((i) => i.where)).toEqual(['$.evses[1].nodeId', '$.evses[1].minKw', '$.evses[1].phase']);
    expect(issues[2].message).toMatch(/lineVoltageV/);
  });
  it('error: rejects mix shares outside [0, 1] or not summing to 1 ± 1e-6', () => {
    const bad = good();
    bad.energy.gridMix = [{ wind: 0.5, gas: 0.5 + 2e-6 }];
    expect(issuesOf(bad)[0]).toMatchObject({ where: '$.energy.gridMix[0]', message: expect.stringMatching(/expected 1 ± 0.000001/) });
    bad.energy.gridMix = [{ wind: 1.5 } as never];
    expect(issuesOf(bad)[0].where).toBe('$.energy.gridMix[0].wind');
  });
  it('accepts an optional grid-mix series at absolute times', () => {
    const site = good() as Record<string, unknown> & { energy: Record<string, unknown> };
    site.energy.gridMixSeries = { startMs: Date.UTC(2023, 2, 26), slotMinutes: 15, mixes: [{ wind: 1 }, { solar: 0.5, gas: 0.5 }] };
    expect(parseSite(site, 'x.json').energy?.gridMixSeries?.mixes).toHaveLength(2);
  });
  it('error: rejects a grid-mix series with a fractional start, zero slot length, no mixes or a bad sum', () => {
    const site = good() as Record<string, unknown> & { energy: Record<string, unknown> };
    site.energy.gridMixSeries = { startMs: 1.5, slotMinutes: 0, mixes: [] };
    expect(issuesOf(site).map((i) => i.where)).toEqual(['$.energy.gridMixSeries.startMs', '$.energy.gridMixSeries.slotMinutes', '$.energy.gridMixSeries.mixes']);
    site.energy.gridMixSeries = { startMs: Date.UTC(2023, 6, 1), slotMinutes: 60, mixes: [{ wind: 1 }, { wind: 0.4 }] };
    expect(issuesOf(site)).toEqual([expect.objectContaining({ where: '$.energy.gridMixSeries.mixes[1]', message: expect.stringMatching(/sum to 0.4/) })]);
  });
  it('error: rejects invalid JSON text and an unknown time zone', () => {
    expect(issuesOf('{"id": ')[0]).toMatchObject({ file: 'x.json', where: '$' });
    const bad = good();
    bad.timezone = 'Mars/Olympus';
    expect(issuesOf(bad)[0].where).toBe('$.timezone');
  });
  it('error: puts file, path and expectation in the error message', () => {
    const bad = good();
    bad.evses[0].minKw = -1;
    expect(() => parseSite(bad, 'sites/a.json')).toThrow(/^sites\/a\.json \$\.evses\[0\]\.minKw: /);
  });

  it('accepts JSON text that starts with a byte-order mark', () => {
    expect(parseSite(`\uFEFF${JSON.stringify(good())}`, 'bom.json').id).toBe('demo');
  });

  it('error: checks a 20,000-level node chain in linear work (each node walked once): too deep, or a cycle at its end, named once', () => {
    const chain = (n: number, cycle: boolean) => ({
      ...good(),
      nodes: Array.from({ length: n }, (_, i) => ({ id: `n${i}`, parentId: i === 0 ? (cycle ? `n${n - 1}` : null) : `n${i - 1}`, limitKw: 100 })),
      evses: [{ id: 'e1', nodeId: `n${n - 1}`, maxKw: 11, minKw: 0, phase: '3P' }],
      pv: []
    });
    expect(parseSite(chain(65, false)).nodes).toHaveLength(65);
    expect(issuesOf(chain(20_000, false))).toEqual([
      { file: 'x.json', where: '$.nodes[65].parentId', message: 'node "n65" is 65 levels below the root; expected at most 64 levels (connection → transformer → feeder → pod is 3)' }
    ]);
    const issues = issuesOf(chain(20_000, true));
    expect(issues.map((i) => i.where)).toEqual(['$.nodes', '$.nodes[0].parentId']);
    expect(issues[1].message).toMatch(/^cycle in the grid tree \(n0 → n19999 → n19998 → n19997 → n19996 → n19995 → … 19992 more … → n2 → n1 → n0\)/);
  });

  it('error: refuses implausible magnitudes (a 1e308 kW limit, a 1e9 kW EVSE, 1e7 A) naming the path and the maximum', () => {
    const bad = good() as ReturnType<typeof good> & { nodes: Record<string, unknown>[] };
    bad.nodes[0].limitKw = 1e308;
    bad.nodes[1].phaseLimitA = 1e7;
    (bad.evses[0] as Record<string, unknown>).maxKw = 1e9;
    const issues = issuesOf(bad);
    expect(issues.map((i) => i.where)).toEqual(['$.nodes[0].limitKw', '$.nodes[1].phaseLimitA', '$.evses[0].maxKw']);
    expect(issues[0].message).toContain('at most 1000000 kW');
  });
});
