import { describe, expect, it } from 'vitest';
import { BaseError, ValidationError } from '../../src/lib/core/errors';
import { hasSharedData, sharedDataPath, SHARED_DATA_MISSING } from '../../test/support/shared-data';
import { TINY_ACN, TINY_SITE, writeFixtures } from '../testing/tiny-fixtures';
import { loadReplayInputs } from './load-replay-inputs';

const files = writeFixtures({ 'site.json': TINY_SITE, 'acn.json': TINY_ACN, 'mix.json': [{ wind: 1 }, { coal: 1 }] });

describe('loadReplayInputs', () => {
  it('keeps good sessions, reports the bad one with its JSON path, and moves an unknown EVSE to a free one', () => {
    const inputs = loadReplayInputs({ sessionsPath: files['acn.json'], format: 'acn', sitePath: files['site.json'] });
    expect(inputs.requests.map((r) => r.id).sort()).toEqual(['s1', 's3']);
    expect(inputs.skippedSessions).toBe(1);
    expect(inputs.issues[0]).toMatchObject({ file: files['acn.json'] });
    expect(inputs.issues[0].where).toMatch(/^\$\._items\[1\]/);
    expect(inputs.reassigned).toBe(1);
    expect(inputs.requests.find((r) => r.id === 's3')?.evseId).toMatch(/^E[123]$/);
  });

  it('starts the timeline at UTC midnight before the first session and applies overrides', () => {
    const inputs = loadReplayInputs({ sessionsPath: files['acn.json'], format: 'acn', sitePath: files['site.json'], slotMinutes: 5, rootLimitKw: 7, mixPath: files['mix.json'] });
    expect(inputs.timeline).toEqual({ startMs: Date.UTC(2018, 3, 25), slotMinutes: 5 });
    expect(inputs.site.nodes.find((n) => n.parentId === null)?.limitKw).toBe(7);
    expect(inputs.site.energy?.gridMix).toEqual([{ wind: 1 }, { coal: 1 }]);
  });

  it('keeps only sessions arriving inside --from/--to', () => {
    const inputs = loadReplayInputs({ sessionsPath: files['acn.json'], format: 'acn', sitePath: files['site.json'], fromMs: Date.UTC(2018, 3, 25, 9) });
    expect(inputs.requests.map((r) => r.id)).toEqual(['s3']);
    expect(inputs.outsideWindow).toBe(1);
  });

  it('error: a window with no sessions, or csv without a mapping, is a BaseError', () => {
    expect(() => loadReplayInputs({ sessionsPath: files['acn.json'], format: 'acn', sitePath: files['site.json'], fromMs: Date.UTC(2030, 0, 1) })).toThrow(BaseError);
    expect(() => loadReplayInputs({ sessionsPath: files['acn.json'], format: 'csv', sitePath: files['site.json'] })).toThrow(/--csv-mapping/);
  });

  it('error: a log that is not ACN-Data is a ValidationError naming the file', () => {
    expect(() => loadReplayInputs({ sessionsPath: files['site.json'], format: 'acn', sitePath: files['site.json'] })).toThrow(ValidationError);
  });
});

if (!hasSharedData()) console.warn(SHARED_DATA_MISSING);
describe.skipIf(!hasSharedData())('loadReplayInputs on the real ACN-Data sample', () => {
  it('reads the Caltech week (299 sessions) on a generated site without losing sessions', async () => {
    const { benchSiteFor } = await import('../bench/bench-site');
    const inputs = loadReplayInputs({
      sessionsPath: sharedDataPath('acn-data-sample', 'acndata_sessions_2018wk.json'),
      format: 'acn',
      siteFor: benchSiteFor({ id: 'acn', maxKw: 6.656 })
    });
    expect(inputs.requests.length + inputs.issues.length).toBe(299);
    expect(inputs.requests.length).toBeGreaterThan(290);
  });
});
