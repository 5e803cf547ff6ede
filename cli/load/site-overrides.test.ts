import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BaseError } from '../../src/lib/core/errors';
import { parseSite } from '../../src/lib/core/grid/parse-site';
import { applySiteOverrides, topTransformer, transformerKva } from './site-overrides';

const caltech = parseSite(readFileSync('examples/sites/caltech.json', 'utf8'), 'caltech.json');

describe('applySiteOverrides --transformer-kva', () => {
  it('rates the Caltech transformer at 150 kVA from its 416.7 A secondary limit at 120 V', () => {
    expect(transformerKva({ site: caltech, node: topTransformer(caltech)! })).toBeCloseTo(150, 2);
  });

  it('re-rates the transformer as a whole: kW limit and both phase-current limits scale by 25/150, as acnportal caltech_acn(transformer_cap=25)', () => {
    const site = applySiteOverrides({ site: caltech, transformerKva: 25 });
    const xfmr = site.nodes.find((n) => n.id === 'xfmr')!;
    expect(xfmr.limitKw).toBeCloseTo(25, 3);
    // acnportal: secondary 25 kVA / 3 / 120 V, primary 25 kVA / 3 / 277 V.
    expect(xfmr.transformer!.secondaryLimitA).toBeCloseTo(25_000 / 3 / 120, 2);
    expect(xfmr.transformer!.primaryLimitA).toBeCloseTo(25_000 / 3 / 277, 1);
    expect(xfmr.transformer!.turnsRatio).toBe(caltech.nodes[0].transformer!.turnsRatio);
    // The pods and the input are untouched.
    expect(site.nodes.find((n) => n.id === 'cc-pod')!.limitKw).toBe(16.64);
    expect(caltech.nodes[0].limitKw).toBe(150);
  });

  it('applies --root-limit-kw after the re-rating: the kW limit changes, the scaled phase limits stay', () => {
    const site = applySiteOverrides({ site: caltech, transformerKva: 25, rootLimitKw: 20 });
    expect(site.nodes[0].limitKw).toBe(20);
    expect(site.nodes[0].transformer!.secondaryLimitA).toBeCloseTo(25_000 / 3 / 120, 2);
  });

  it('error: a site without a transformer node says so and points at --root-limit-kw', () => {
    const plain = { ...caltech, nodes: caltech.nodes.map(({ transformer: _t, ...n }) => n) };
    expect(() => applySiteOverrides({ site: plain, transformerKva: 25 })).toThrow(BaseError);
    expect(() => applySiteOverrides({ site: plain, transformerKva: 25 })).toThrow(/--root-limit-kw/);
  });
});
