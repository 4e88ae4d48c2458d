import { isoToMicros, microsToIso } from './billing-time';
import type { BillingRun } from './billing-run';
import { linesCsv, statementMarkdown } from './billing-statement';

const run = {
  contractId: 'c1',
  period: '2026-06',
  revision: 2,
  status: 'FINALIZED',
  periodStart: '2026-06-01T00:00:00.000Z',
  periodEnd: '2026-07-01T00:00:00.000Z',
  currency: 'EUR',
  total: '45000.00',
  billableHours: '500',
  lines: [
    {
      kind: 'USAGE',
      description: 'Operating hours, "main"',
      quantity: '500',
      unitPrice: '100.00',
      amount: '50000.00',
    },
    {
      kind: 'SLA_CREDIT',
      description: 'Service credit 10 %',
      quantity: null,
      unitPrice: null,
      amount: '-5000.00',
    },
  ],
  figures: {
    availability: '0.99',
    availabilityPct: '99.000',
    noRequiredTime: false,
    completeness: '0.9972',
    runHours: '500',
    seconds: {
      NOT_IN_SERVICE: '0',
      RUN: '1800000',
      FORCE_MAJEURE: '0',
      PLANNED_MAINT: '36000',
      CUSTOMER_STOP: '0',
      FORCED_OUTAGE: '18000',
      STANDBY: '730800',
      UNKNOWN: '7200',
    },
    versions: [1],
  },
  review: { reasons: [], notes: [] },
  adjustment: { kind: 'CREDIT_NOTE', amount: '-5000', againstRevision: 1, targetPeriod: null },
  changes: 'vs revision 1: a1: 10 -> 12 events',
  finalizedAt: '2026-07-05T00:00:00.000Z',
} as unknown as BillingRun;

describe(linesCsv.name, () => {
  it('writes one row per line and a total, quoting cells that need it', () => {
    expect(linesCsv(run).split('\r\n')).toEqual([
      'period,revision,status,kind,description,quantity,unit_price,amount,currency',
      '2026-06,2,FINALIZED,USAGE,"Operating hours, ""main""",500,100.00,50000.00,EUR',
      '2026-06,2,FINALIZED,SLA_CREDIT,Service credit 10 %,,,-5000.00,EUR',
      '2026-06,2,FINALIZED,TOTAL,Total,,,45000.00,EUR',
      '',
    ]);
  });
});

describe(statementMarkdown.name, () => {
  it('shows availability against the target, hours, lines, the settlement and the intervals', () => {
    const contract = { id: 'c1', name: 'Acme', tz: 'UTC' } as never;
    const interval = {
      assetId: 'a1',
      start: '2026-06-30T19:00:00.000000Z',
      end: '2026-06-30T20:00:00.000000Z',
      seconds: '3600',
      category: 'FORCED_OUTAGE',
      baseState: 'FAULT',
      cause: null,
    } as never;
    const md = statementMarkdown(contract, { slaTarget: '0.995' } as never, run, [interval], 3);
    expect(md).toContain('| Availability | 99.000 % |');
    expect(md).toContain('| Target | 99.5 % (missed) |');
    expect(md).toContain('| FORCED_OUTAGE | 5.00 |');
    expect(md).toContain('| Service credit 10 % |  |  | -5000.00 EUR |');
    expect(md).toContain('Settlement against revision 1: credit note of -5000 EUR.');
    expect(md).toContain(
      '| a1 | 2026-06-30T19:00:00.000000Z | 2026-06-30T20:00:00.000000Z | 1.00 | FORCED_OUTAGE | FAULT |  |',
    );
    expect(md).toContain('2 more intervals');
    expect(md).toContain('What changed: vs revision 1: a1: 10 -> 12 events.');
  });
});

describe(isoToMicros.name, () => {
  it('keeps microseconds both ways and rejects what is not an instant', () => {
    expect(isoToMicros('2026-06-10T10:00:00.123456Z')).toBe(
      Date.parse('2026-06-10T10:00:00Z') * 1000 + 123456,
    );
    expect(isoToMicros('2026-06-10T12:00:00.5+02:00')).toBe(
      Date.parse('2026-06-10T10:00:00Z') * 1000 + 500000,
    );
    expect(microsToIso(isoToMicros('2026-06-10T10:00:00.000001Z'))).toBe(
      '2026-06-10T10:00:00.000001Z',
    );
    expect(() => isoToMicros('yesterday')).toThrow(/not an ISO-8601 instant/);
  });
});
