import { monthPeriod } from '@hourglass/billing-uptime';
import { describeChanges, periodPhase, settle, shiftPeriodId } from './billing-lifecycle';
import type { BillingRunInputs } from './billing-run';

const june = monthPeriod('Europe/Berlin', '2026-06');
const terms = { graceSeconds: 72 * 3600, lookbackPeriods: 2 };
const base = { blockingReview: false, materialityThreshold: '1.00', targetPeriod: '2026-07' };

describe(periodPhase.name, () => {
  it('is OPEN until the end in the zone, GRACE for graceSeconds, DUE within the lookback, CLOSED after it', () => {
    const endMs = june.endUs / 1000; // 2026-06-30T22:00:00Z
    expect(periodPhase(june, endMs - 1, terms)).toBe('OPEN');
    expect(periodPhase(june, endMs, terms)).toBe('GRACE');
    expect(periodPhase(june, endMs + 72 * 3600_000 - 1, terms)).toBe('GRACE');
    expect(periodPhase(june, endMs + 72 * 3600_000, terms)).toBe('DUE');
    expect(periodPhase(june, Date.parse('2026-08-31T21:59:59Z'), terms)).toBe('DUE');
    expect(periodPhase(june, Date.parse('2026-08-31T22:00:00Z'), terms)).toBe('CLOSED');
  });

  it('shifts period ids across years', () => {
    expect(shiftPeriodId('2026-01', -1)).toBe('2025-12');
    expect(shiftPeriodId('2026-12', 1)).toBe('2027-01');
  });
});

describe(settle.name, () => {
  const issued = { revision: 1, total: '1000.00' };
  it('keeps drafts while open, in grace or under review', () => {
    expect(settle({ ...base, phase: 'GRACE', total: '1', lastIssued: null })).toEqual({
      status: 'DRAFT',
      adjustment: null,
    });
    expect(
      settle({ ...base, phase: 'DUE', blockingReview: true, total: '1', lastIssued: null }),
    ).toEqual({ status: 'DRAFT', adjustment: null });
    expect(
      settle({ ...base, phase: 'DUE', blockingReview: true, total: '1', lastIssued: issued })
        .status,
    ).toBe('DRAFT');
    expect(settle({ ...base, phase: 'DUE', total: '1', lastIssued: null })).toEqual({
      status: 'FINALIZED',
      adjustment: null,
    });
  });

  it('settles a revision of an issued period by credit note, prior-period adjustment or note', () => {
    expect(
      settle({ ...base, phase: 'DUE', total: '900.00', lastIssued: issued }).adjustment,
    ).toEqual({ kind: 'CREDIT_NOTE', amount: '-100', againstRevision: 1, targetPeriod: null });
    expect(
      settle({ ...base, phase: 'DUE', total: '1100.00', lastIssued: issued }).adjustment,
    ).toEqual({
      kind: 'PRIOR_PERIOD_ADJUSTMENT',
      amount: '100',
      againstRevision: 1,
      targetPeriod: '2026-07',
    });
    expect(
      settle({ ...base, phase: 'DUE', total: '1000.99', lastIssued: issued }).adjustment,
    ).toMatchObject({ kind: 'NOTE', amount: '0.99' });
    expect(
      settle({ ...base, phase: 'DUE', total: '1001.00', lastIssued: issued }).adjustment,
    ).toMatchObject({ kind: 'PRIOR_PERIOD_ADJUSTMENT' });
    expect(settle({ ...base, phase: 'CLOSED', total: '2000', lastIssued: issued })).toEqual({
      status: 'CLOSED_LATE',
      adjustment: {
        kind: 'NO_FINANCIAL_EFFECT',
        amount: '1000',
        againstRevision: 1,
        targetPeriod: null,
      },
    });
  });
});

describe(describeChanges.name, () => {
  const inputs = (events: Record<string, number>, windows: string[] = []): BillingRunInputs => ({
    events,
    windows,
    overrides: [],
    versions: [1],
    quarantined: 0,
    appliedAdjustments: [],
  });
  const figures = (pct: string) => ({ availabilityPct: pct }) as never;
  it('names the inputs and figures that changed', () => {
    const prev = {
      revision: 3,
      inputs: inputs({ a: 10 }),
      figures: figures('99.000'),
      total: '10.00',
      billableHours: '1',
    };
    const next = {
      inputs: inputs({ a: 12, b: 1 }, ['w1']),
      figures: figures('98.000'),
      total: '9.00',
      billableHours: '1',
    };
    expect(describeChanges(prev, next)).toBe(
      'vs revision 3: a: 10 -> 12 events; b: 0 -> 1 events; windows added: w1; availability 99.000 % -> 98.000 %; total 10.00 -> 9.00',
    );
    expect(describeChanges(null, next)).toBe('first run');
  });
});
