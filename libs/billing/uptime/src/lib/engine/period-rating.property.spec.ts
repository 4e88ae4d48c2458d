import fc from 'fast-check';
import Decimal from 'decimal.js';
import { CATEGORIES } from './billing-categories';
import type { BillingPeriod } from './billing-period';
import type { BillingEvent, CalendarWindow, CategoryOverride } from './billing-inputs';
import { ratingInput, terms } from './fixtures/billing-scenario.fixture';
import { rateContractPeriod, ratingDigest } from './period-rating';

const DAY_US = 86_400_000_000;
const period: BillingPeriod = {
  id: '2026-06',
  tz: 'UTC',
  startUs: 1_780_272_000_000_000,
  endUs: 1_780_272_000_000_000 + 3 * DAY_US,
};
const t = (offsetMinutes: number) => period.startUs + offsetMinutes * 60_000_000;
const SPAN_MIN = 3 * 24 * 60;

const event = fc.record({
  assetId: fc.constantFrom('a1', 'a2'),
  source: fc.constantFrom('telemetry', 'meter'),
  eventId: fc.integer({ min: 0, max: 400 }).map(String), // a small pool: duplicates happen
  observedAtUs: fc.integer({ min: -120, max: SPAN_MIN + 120 }).map(t),
  receivedAtUs: fc.integer({ min: 0, max: SPAN_MIN + 600 }).map(t),
  kind: fc.constantFrom('STATE', 'STATE', 'HEARTBEAT', 'HOUR_METER', 'CORRECTION') as fc.Arbitrary<
    BillingEvent['kind']
  >,
  state: fc.constantFrom('RUN', 'RUN', 'STANDBY', 'FAULT', 'CUSTOMER_STOP', 'bogus', null),
  meterHours: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
  supersedes: fc.option(fc.integer({ min: 0, max: 400 }).map(String), { nil: null }),
  seq: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
});

const window = fc
  .record({
    id: fc.uuid(),
    assetId: fc.constantFrom('a1', 'a2', null),
    kind: fc.constantFrom(
      'PLANNED_MAINT',
      'FORCE_MAJEURE',
      'CUSTOMER_STOP',
      'SUSPENDED',
    ) as fc.Arbitrary<CalendarWindow['kind']>,
    start: fc.integer({ min: -60, max: SPAN_MIN }),
    length: fc.integer({ min: 1, max: 2000 }),
    overrun: fc.integer({ min: 0, max: 300 }),
    notice: fc.integer({ min: 0, max: 5000 }),
  })
  .map((w): CalendarWindow => ({
    id: w.id,
    assetId: w.assetId,
    kind: w.kind,
    startUs: t(w.start),
    endUs: t(w.start + w.length),
    actualEndUs: w.overrun ? t(w.start + w.length + w.overrun) : null,
    announcedAtUs: t(w.start - w.notice),
    approvedBy: 'am',
    approvedAtUs: t(w.start - w.notice),
  }));

const override = fc
  .record({
    id: fc.uuid(),
    assetId: fc.constantFrom('a1', 'a2'),
    start: fc.integer({ min: 0, max: SPAN_MIN }),
    length: fc.integer({ min: 1, max: 600 }),
    category: fc.constantFrom(...CATEGORIES),
  })
  .map((o): CategoryOverride => ({
    id: o.id,
    assetId: o.assetId,
    startUs: t(o.start),
    endUs: t(o.start + o.length),
    category: o.category,
    reason: 'test',
    author: 'am',
  }));

const contract = fc.record({
  heartbeatTimeoutSeconds: fc.integer({ min: 60, max: 7200 }),
  unknownPolicy: fc.constantFrom('EXCLUDE', 'AVAILABLE', 'UNAVAILABLE') as fc.Arbitrary<'EXCLUDE'>,
  plannedAllowanceSeconds: fc.integer({ min: 0, max: 86_400 }),
  plannedNoticeSeconds: fc.integer({ min: 0, max: 86_400 }),
  hourRoundingMode: fc.constantFrom('CEIL', 'HALF_UP', 'FLOOR') as fc.Arbitrary<'CEIL'>,
  minimumCommitment: fc.constantFrom('0', '1000', '99999.99'),
  creditBands: fc.constant(null).map(() => [
    { lo: '0.9', hi: '0.995', pct: '0.1' },
    { lo: '0', hi: '0.9', pct: '0.3' },
  ]),
  ratePerHour: fc.constantFrom('0.01', '12.345', '120'),
});

const scenario = fc.record({
  events: fc.array(event, { maxLength: 120 }),
  windows: fc.array(window, { maxLength: 4 }),
  overrides: fc.array(override, { maxLength: 2 }),
  contract,
  cutoffMinutes: fc.option(fc.integer({ min: 0, max: SPAN_MIN + 600 }), { nil: undefined }),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer S> ? S : never;

function rate(s: Scenario, events = s.events) {
  const input = ratingInput(period, events, {
    windows: s.windows,
    overrides: s.overrides,
    terms: terms(s.contract),
    cutoffUs: s.cutoffMinutes === undefined ? undefined : t(s.cutoffMinutes),
  });
  return { input, result: rateContractPeriod(input) };
}

describe('rateContractPeriod (properties)', () => {
  it('gives every asset categories that add up to the period length', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { result } = rate(s);
        for (const a of result.assets) {
          const total = CATEGORIES.reduce(
            (sum, c) => sum.plus(a.figures.seconds[c]),
            new Decimal(0),
          );
          expect(total.mul(1e6).toNumber()).toBe(period.endUs - period.startUs);
        }
        let covered = 0;
        for (const r of result.intervals) {
          expect(r.endUs).toBeGreaterThan(r.startUs);
          covered += r.endUs - r.startUs;
        }
        expect(covered).toBe(result.assets.length * (period.endUs - period.startUs));
      }),
    );
  });

  it('keeps availability and completeness within [0, 1]', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { figures } = rate(s).result;
        for (const x of [figures.availability, figures.completeness]) {
          expect(new Decimal(x).gte(0) && new Decimal(x).lte(1)).toBe(true);
        }
      }),
    );
  });

  it('changes nothing when re-run, and gives the same result whatever order the events arrive in', () => {
    fc.assert(
      fc.property(scenario, fc.integer(), (s, seed) => {
        const first = rate(s);
        const shuffled = shuffle(s.events, seed);
        const again = rate(s, shuffled);
        expect(again.result).toEqual(first.result);
        expect(ratingDigest(again.input)).toBe(ratingDigest(first.input));
        expect(rate(s).result).toEqual(first.result);
      }),
    );
  });

  it('has money lines that add up to the total, each rounded to the minor unit', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { charges } = rate(s).result;
        const sum = charges.lines.reduce((acc, l) => acc.plus(l.amount), new Decimal(0));
        expect(sum.toFixed(2)).toBe(charges.total);
        for (const l of charges.lines) expect(l.amount).toMatch(/^-?\d+\.\d{2}$/);
      }),
    );
  });
});

function shuffle<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = seed | 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const j = Math.abs(x) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
