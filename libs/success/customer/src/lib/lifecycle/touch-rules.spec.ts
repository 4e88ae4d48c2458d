import fc from 'fast-check';
import { addMonths, assetStageAt, customerStageAt, stageMovement } from './lifecycle-stages';
import { LIFECYCLE_STAGES, type CustomerStanding, type LifecycleAsset } from './lifecycle.types';
import { touchesDue, touchId, type TouchInputs } from './touch-rules';

const T0 = Date.parse('2024-01-01T00:00:00Z');
const SPAN = 3 * 365 * 86_400_000;
const instant = fc.integer({ min: T0, max: T0 + SPAN });
const iso = instant.map((ms) => new Date(ms).toISOString());
const tenant = fc.constantFrom('acme', 'globex', 'initech');

const asset = fc
  .record({
    tenantId: tenant,
    commissionedAt: instant,
    serviceAfter: fc.option(fc.integer({ min: 0, max: 400 * 86_400_000 })),
  })
  .map(({ tenantId, commissionedAt, serviceAfter }) => ({
    tenantId,
    commissionedAt: new Date(commissionedAt).toISOString(),
    firstServiceAt:
      serviceAfter === null ? null : new Date(commissionedAt + serviceAfter).toISOString(),
  }));
const assets = fc
  .array(asset, { maxLength: 12 })
  .map((xs) => xs.map((a, i): LifecycleAsset => ({ ...a, assetId: `a${i}` })));
const standings = fc.tuple(
  ...['acme', 'globex', 'initech'].map((tenantId) =>
    fc.record({
      tenantId: fc.constant(tenantId),
      healthScore: fc.option(fc.integer({ min: 0, max: 100 })),
      promoter: fc.boolean(),
    }),
  ),
) as fc.Arbitrary<CustomerStanding[]>;
const inputs: fc.Arbitrary<TouchInputs> = fc.record({
  assets,
  standings,
  orders: fc
    .array(fc.record({ tenantId: tenant, assetId: fc.constantFrom('a0', 'a1'), dueBy: iso }), {
      maxLength: 5,
    })
    .map((xs) => xs.map((o, i) => ({ ...o, taskId: `t${i}` }))),
  contracts: fc
    .array(fc.record({ tenantId: tenant, endsAt: fc.option(iso) }), { maxLength: 4 })
    .map((xs) =>
      xs.map((c, i) => ({ ...c, contractId: `c${i}`, name: `c${i}`, assetIds: [], periods: [] })),
    ),
});
const rank = (s: string | null) => (s === null ? -1 : LIFECYCLE_STAGES.indexOf(s as never));

describe(touchesDue.name, () => {
  it('keys a touch by rule, subject and due day', () => {
    expect(touchId('CONTRACT_RENEWAL', 'c-1', Date.parse('2026-06-01T23:59:59Z'))).toBe(
      'CONTRACT_RENEWAL:c-1:2026-06-01',
    );
  });

  it('gives the same touches and ids whichever way the window is cut, each id once', () => {
    fc.assert(
      fc.property(inputs, instant, instant, fc.nat(), (input, x, z, pick) => {
        // Cut where a touch falls due, so the boundary itself is tested (from inclusive, to exclusive).
        const all = touchesDue(input, -Infinity, Infinity);
        const y = all.length ? Date.parse(all[pick % all.length].dueAt) : x;
        const [a, b, c] = [x, y, z].sort((p, q) => p - q);
        const whole = touchesDue(input, a, c);
        const halves = [...touchesDue(input, a, b), ...touchesDue(input, b, c)];
        expect(halves).toEqual(whole);
        expect(new Set(whole.map((t) => t.id)).size).toBe(whole.length);
        for (const t of whole)
          expect(Date.parse(t.dueAt) >= a && Date.parse(t.dueAt) < c).toBe(true);
        const reversed = { ...input, assets: [...input.assets].reverse() };
        expect(touchesDue(reversed, a, c)).toEqual(whole);
      }),
    );
  });
});

describe(stageMovement.name, () => {
  it('never moves an asset back to an earlier stage as time passes', () => {
    fc.assert(
      fc.property(asset, standings, instant, instant, (a, ss, x, y) => {
        const s = ss.find((t) => t.tenantId === a.tenantId);
        const one = { ...a, assetId: 'a' };
        const [early, late] = [x, y].sort((p, q) => p - q);
        expect(rank(assetStageAt(one, s, late))).toBeGreaterThanOrEqual(
          rank(assetStageAt(one, s, early)),
        );
      }),
    );
  });

  it('accounts for every customer: start = end - entered + moved on + fell back + lost', () => {
    fc.assert(
      fc.property(inputs, instant, instant, (input, x, y) => {
        const [from, to] = [x, y].sort((p, q) => p - q);
        const rows = stageMovement(input.assets, input.standings, input.contracts, from, to);
        const sum = (k: 'customers' | 'entered' | 'movedOn' | 'fellBack' | 'lost') =>
          rows.reduce((n, r) => n + r[k], 0);
        const atStart = ['acme', 'globex', 'initech'].filter(
          (t) =>
            customerStageAt(
              input.assets.filter((a) => a.tenantId === t),
              input.standings.find((s) => s.tenantId === t),
              from,
            ) !== null,
        ).length;
        expect(
          sum('customers') - sum('entered') + sum('movedOn') + sum('fellBack') + sum('lost'),
        ).toBe(atStart);
      }),
    );
  });

  it('counts month 6 by the calendar, the day clamped to the month end', () => {
    expect(new Date(addMonths('2025-08-31T10:00:00.000Z', 6)).toISOString()).toBe(
      '2026-02-28T10:00:00.000Z',
    );
  });
});
