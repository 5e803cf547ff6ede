import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCliCaptured, type CapturedRun } from './testing/run-cli-captured';
import { acnItem, TINY_SITE, writeFixtures } from './testing/tiny-fixtures';

/**
 * Fuzzed inputs through the real CLI entry (in-process): whatever the bytes, JSON, numbers or
 * dates, `greenslot` exits 0, 1 or 2 and never prints a stack or an internal error. Runs are few
 * and the site tiny, so the whole file stays within a few seconds.
 */
function expectNamedOutcome(run: CapturedRun, what: string) {
  expect([0, 1, 2], `${what}\n${run.stderr}`).toContain(run.code);
  expect(run.stderr, what).not.toMatch(/\n\s+at .+[(:]\d+/);
  expect(run.stderr, what).not.toContain('internal error');
}

const RUNS = { numRuns: 25 };
const good = acnItem('s1', 'E1', 'Wed, 25 Apr 2018 08:05:00 GMT', 'Wed, 25 Apr 2018 12:00:00 GMT', 12);
const site = writeFixtures({ 'site.json': TINY_SITE, 'acn.json': { _items: [good] } });
const extremeNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 8e15, 8.64e15 + 1, 1e20, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1),
  fc.integer()
);
const extremeDate = fc.oneof(
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toUTCString()),
  fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('Mon, 01 Jan 1900 00:00:00 GMT', 'Fri, 01 Jan 2918 00:00:00 GMT', 'Sat, 30 Feb 2019 00:00:00 GMT', '', 'x'),
  extremeNumber
);

describe('fuzzed CLI input never crashes', () => {
  it('random bytes as a session log, site, mix or PV file exit 0/1/2 without a stack', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 400 }), fc.constantFrom('sessions-acn', 'sessions-ocpi', 'sessions-csv', 'site', 'mix', 'pv'), async (bytes, role) => {
        const f = writeFixtures({ 'x.bin': bytes });
        const sessions = role.startsWith('sessions') ? f['x.bin'] : site['acn.json'];
        const format = role === 'sessions-ocpi' ? 'ocpi' : role === 'sessions-csv' ? 'csv' : 'acn';
        const args = ['replay', '--sessions', sessions, '--format', format, '--site', role === 'site' ? f['x.bin'] : site['site.json'], '--strategy', 'edf', '--json'];
        if (format === 'csv') args.push('--csv-mapping', 'trondheim');
        if (role === 'mix' || role === 'pv') args.push(`--${role}`, f['x.bin']);
        expectNamedOutcome(await runCliCaptured(args), role);
      }),
      RUNS
    );
  });

  it('random JSON values as a session log, site, mix or PV file exit 0/1/2 without a stack', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('sessions', 'site', 'mix', 'pv'), async (value, role) => {
        const f = writeFixtures({ 'x.json': JSON.stringify(value) });
        const args = ['replay', '--sessions', role === 'sessions' ? f['x.json'] : site['acn.json'], '--format', 'acn', '--site', role === 'site' ? f['x.json'] : site['site.json'], '--strategy', 'edf', '--json'];
        if (role === 'mix' || role === 'pv') args.push(`--${role}`, f['x.json']);
        expectNamedOutcome(await runCliCaptured(args), role);
      }),
      RUNS
    );
  });

  it('sessions with extreme numbers and dates, and sites with extreme limits, exit 0/1/2 without a stack', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ from: extremeDate, to: extremeDate, kWh: extremeNumber }), { minLength: 1, maxLength: 4 }),
        fc.oneof({ weight: 3, arbitrary: fc.constant(30) }, { weight: 1, arbitrary: extremeNumber }),
        fc.oneof({ weight: 3, arbitrary: fc.constant(11) }, { weight: 1, arbitrary: extremeNumber }),
        async (sessions, limitKw, maxKw) => {
          const items = [good, ...sessions.map((s, i) => ({ ...acnItem(`f${i}`, 'E2', '', '', 0), connectionTime: s.from, disconnectTime: s.to, kWhDelivered: s.kWh }))];
          const weirdSite = { ...TINY_SITE, nodes: [{ ...TINY_SITE.nodes[0], limitKw }, TINY_SITE.nodes[1]], evses: [{ ...TINY_SITE.evses[0], maxKw }, ...TINY_SITE.evses.slice(1)] };
          const f = writeFixtures({ 'acn.json': { _items: items }, 'site.json': weirdSite });
          const run = await runCliCaptured(['replay', '--sessions', f['acn.json'], '--format', 'acn', '--site', f['site.json'], '--strategy', 'llf', '--json']);
          expectNamedOutcome(run, JSON.stringify({ sessions, limitKw, maxKw }));
        }
      ),
      RUNS
    );
  });

  it('extreme option values (numbers, dates, negative and hex) exit 0/1/2 without a stack', async () => {
    const value = fc.oneof(
      fc.double({ min: 0, max: 500, noNaN: true }).map(String),
      fc.date({ min: new Date(Date.UTC(2018, 3, 20)), max: new Date(Date.UTC(2018, 3, 30)), noInvalidDate: true }).map((d) => d.toISOString()),
      extremeNumber.map(String), fc.string({ maxLength: 12 }), fc.constantFrom('-5', '0x10', 'NaN', '1e308', '2026-02-30', '1900-01-01', '2918-01-01T00:00Z', '-1e-9', '', 'optimal', 'offline', 'uncontrolled', '5')
    );
    const option = fc.constantFrom('--root-limit-kw', '--transformer-kva', '--seed', '--start', '--time-limit-s', '--slot-minutes', '--strategy', '--from', '--to');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(option, value), { minLength: 1, maxLength: 3 }), fc.boolean(), async (pairs, isReplay) => {
        const flat = pairs.flatMap(([o, v]) => (isReplay && o === '--start' ? ['--from', v] : !isReplay && (o === '--from' || o === '--to') ? ['--seed', v] : [o, v]));
        const base = isReplay
          ? ['replay', '--sessions', site['acn.json'], '--format', 'acn', '--site', site['site.json'], '--strategy', 'edf']
          : ['simulate', '--evs', '2', '--days', '1', '--site', site['site.json'], '--strategy', 'edf'];
        // Strategy values are fuzzed too; a valid optimizer run on 2 EVs stays quick.
        expectNamedOutcome(await runCliCaptured([...base, ...flat, '--json', '--time-limit-s', '2']), flat.join(' '));
      }),
      RUNS
    );
  });
});
