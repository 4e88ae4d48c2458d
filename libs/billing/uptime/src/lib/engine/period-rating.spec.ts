import { monthPeriod } from './billing-period';
import type { BillingEvent, CalendarWindow } from './billing-inputs';
import { HOUR_US, ratingInput, stateEvents, terms } from './fixtures/billing-scenario.fixture';
import { rateContractPeriod, ratingDigest } from './period-rating';

const june = monthPeriod('UTC', '2026-06'); // 30 days, 720 h
const at = (hours: number) => june.startUs + hours * HOUR_US;

/** The worked example of the spec (§7): one asset, a 720-hour month. */
function workedExample(): { events: BillingEvent[]; windows: CalendarWindow[] } {
  const events = [
    ...stateEvents('a1', 'RUN', at(0), at(500)),
    ...stateEvents('a1', 'STANDBY', at(500), at(713)),
    ...stateEvents('a1', 'FAULT', at(713), at(718) - 300e6 + 1),
  ];
  const windows: CalendarWindow[] = [
    {
      id: 'w1',
      assetId: 'a1',
      kind: 'PLANNED_MAINT',
      startUs: at(703),
      endUs: at(713),
      announcedAtUs: at(600),
      approvedBy: 'am@example.com',
      approvedAtUs: at(601),
    },
  ];
  return { events, windows };
}

const exampleTerms = terms({
  heartbeatTimeoutSeconds: 300,
  plannedAllowanceSeconds: 24 * 3600,
  plannedNoticeSeconds: 48 * 3600,
  creditBands: [
    { lo: '0.99', hi: '0.995', pct: '0.10' },
    { lo: '0', hi: '0.99', pct: '0.25' },
  ],
});

describe(rateContractPeriod.name, () => {
  it('reproduces the worked example of the spec', () => {
    const { events, windows } = workedExample();
    const sut = rateContractPeriod(ratingInput(june, events, { windows, terms: exampleTerms }));
    const s = sut.figures.seconds;
    expect(
      [s.RUN, s.STANDBY, s.PLANNED_MAINT, s.FORCED_OUTAGE, s.UNKNOWN].map((x) => Number(x) / 3600),
    ).toEqual([500, 203, 10, 5, 2]);
    expect(sut.figures.availableSeconds).toBe(String(703 * 3600));
    expect(sut.figures.unavailableSeconds).toBe(String(5 * 3600));
    expect(sut.figures.availability.startsWith('0.99293785')).toBe(true);
    expect(sut.figures.availabilityPct).toBe('99.293');
    expect(sut.billableHours).toBe('500');
    expect(Number(sut.figures.completeness).toFixed(4)).toBe('0.9972');
    expect(sut.charges.lines).toEqual([
      expect.objectContaining({ kind: 'USAGE', quantity: '500', amount: '50000.00' }),
      expect.objectContaining({ kind: 'SLA_CREDIT', amount: '-5000.00' }),
    ]);
    expect(sut.charges.total).toBe('45000.00');
    expect(sut.review).toEqual([]);
  });

  it('counts planned maintenance announced too late as what the asset did', () => {
    const { events, windows } = workedExample();
    const late = [{ ...windows[0], announcedAtUs: at(700) }];
    const sut = rateContractPeriod(
      ratingInput(june, events, { windows: late, terms: exampleTerms }),
    );
    expect(Number(sut.figures.seconds.PLANNED_MAINT)).toBe(0);
    expect(Number(sut.figures.seconds.STANDBY) / 3600).toBe(213);
  });

  it('turns planned maintenance beyond the allowance and past the approved end into forced outage', () => {
    const { events, windows } = workedExample();
    const overrun = [{ ...windows[0], actualEndUs: at(715) }];
    const sut = rateContractPeriod(
      ratingInput(june, events, {
        windows: overrun,
        terms: { ...exampleTerms, plannedAllowanceSeconds: 4 * 3600 },
      }),
    );
    expect(Number(sut.figures.seconds.PLANNED_MAINT) / 3600).toBe(4);
    // 6 h beyond the allowance + 5 h of FAULT (of which 2 h overrun, already a forced outage).
    expect(Number(sut.figures.seconds.FORCED_OUTAGE) / 3600).toBe(11);
    expect(sut.intervals.some((r) => r.cause === 'allowance')).toBe(true);
    expect(sut.intervals.some((r) => r.cause === 'overrun:w1')).toBe(true);
  });

  it('lasts 743 and 745 hours in the months where Berlin changes to and from summer time', () => {
    for (const [id, hours] of [
      ['2026-03', 743],
      ['2026-10', 745],
      ['2026-06', 720],
    ] as const) {
      const period = monthPeriod('Europe/Berlin', id);
      const sut = rateContractPeriod(
        ratingInput(period, stateEvents('a1', 'RUN', period.startUs, period.endUs), {
          terms: terms({ tz: 'Europe/Berlin' }),
        }),
      );
      expect((period.endUs - period.startUs) / HOUR_US).toBe(hours);
      expect(Number(sut.figures.seconds.RUN) / 3600).toBe(hours);
      expect(sut.billableHours).toBe(String(hours));
    }
  });

  it('puts an event exactly on the period start into the period, and one on the end into the next', () => {
    const events: BillingEvent[] = [
      {
        assetId: 'a1',
        source: 's',
        eventId: '1',
        observedAtUs: june.startUs - 3_600e6,
        receivedAtUs: 0,
        kind: 'STATE',
        state: 'FAULT',
      },
      {
        assetId: 'a1',
        source: 's',
        eventId: '2',
        observedAtUs: june.startUs,
        receivedAtUs: 0,
        kind: 'STATE',
        state: 'RUN',
      },
      {
        assetId: 'a1',
        source: 's',
        eventId: '3',
        observedAtUs: june.endUs,
        receivedAtUs: 0,
        kind: 'STATE',
        state: 'FAULT',
      },
    ];
    const sut = rateContractPeriod(
      ratingInput(june, events, { terms: terms({ heartbeatTimeoutSeconds: 40 * 86_400 }) }),
    );
    expect(Number(sut.figures.seconds.RUN) / 3600).toBe(720);
    expect(Number(sut.figures.seconds.FORCED_OUTAGE)).toBe(0);
  });

  it('credits run time in a gap from the hour meter, and nothing when the meter was reset', () => {
    const meter = (id: string, hoursAt: number, reading: number): BillingEvent => ({
      assetId: 'a1',
      source: 'meter',
      eventId: id,
      observedAtUs: at(hoursAt),
      receivedAtUs: at(hoursAt),
      kind: 'HOUR_METER',
      meterHours: reading,
    });
    const base = [
      ...stateEvents('a1', 'RUN', at(0), at(100)),
      ...stateEvents('a1', 'RUN', at(110), at(720)),
    ];
    const t = terms({ heartbeatTimeoutSeconds: 300 });
    const good = rateContractPeriod(
      ratingInput(june, [...base, meter('m1', 100, 1000), meter('m2', 110, 1006)], { terms: t }),
    );
    // The reading at 100 h is a message too: RUN holds 5 more minutes, which the meter's 6 h include,
    // so the 9 h 55 min gap gets the other 5 h 55 min: 6 h of RUN between the readings, as the meter says.
    expect(Number(good.figures.seconds.RUN) / 3600).toBeCloseTo(
      100 + 300 / 3600 + (6 - 300 / 3600) + 610,
      6,
    );
    expect(good.intervals.some((r) => r.cause === 'meter' && r.category === 'RUN')).toBe(true);

    const reset = rateContractPeriod(
      ratingInput(june, [...base, meter('m1', 100, 1000), meter('m2', 110, 3)], { terms: t }),
    );
    expect(reset.intervals.some((r) => r.cause === 'meter')).toBe(false);
    expect(reset.review).toEqual([
      expect.stringContaining('a1: meter_reset'),
      expect.stringContaining('a1: hour meter (0.00 h) and state telemetry (0.08 h)'),
    ]);
    expect(good.review).toEqual([]);
  });

  it('quarantines a duplicate event id with a different payload and keeps the first received', () => {
    const first: BillingEvent = {
      assetId: 'a1',
      source: 's',
      eventId: 'x',
      observedAtUs: at(0),
      receivedAtUs: at(0),
      kind: 'STATE',
      state: 'RUN',
    };
    const sameAgain = { ...first, receivedAtUs: at(1) };
    const changed = { ...first, state: 'FAULT', receivedAtUs: at(2) };
    const t = terms({ heartbeatTimeoutSeconds: 40 * 86_400 });
    const sut = rateContractPeriod(ratingInput(june, [changed, sameAgain, first], { terms: t }));
    expect(Number(sut.figures.seconds.RUN) / 3600).toBe(720);
    expect(sut.review).toEqual(['a1: duplicate event id x with a different payload quarantined']);
    expect(rateContractPeriod(ratingInput(june, [first, sameAgain], { terms: t })).review).toEqual(
      [],
    );
  });

  it('asks for review when unknown time is above the threshold', () => {
    const events = stateEvents('a1', 'RUN', at(0), at(600));
    const sut = rateContractPeriod(
      ratingInput(june, events, { terms: terms({ heartbeatTimeoutSeconds: 300 }) }),
    );
    expect(sut.review).toEqual([expect.stringMatching(/^unknown time 16\.6\d % is above 5 %$/)]);
    expect(Number(sut.figures.seconds.UNKNOWN) / 3600).toBeCloseTo(120 - 0, 0);
  });

  it('applies an override last, with its cause in the interval table', () => {
    const events = [
      ...stateEvents('a1', 'RUN', at(0), at(10)),
      ...stateEvents('a1', 'FAULT', at(10), at(720)),
    ];
    const overrides = [
      {
        id: 'o1',
        assetId: 'a1',
        startUs: at(10),
        endUs: at(20),
        category: 'CUSTOMER_STOP' as const,
        reason: 'customer cut power',
        author: 'am',
      },
    ];
    const sut = rateContractPeriod(
      ratingInput(june, events, { overrides, terms: terms({ heartbeatTimeoutSeconds: 300 }) }),
    );
    expect(Number(sut.figures.seconds.CUSTOMER_STOP) / 3600).toBe(10);
    expect(sut.intervals.find((r) => r.cause === 'override:o1')).toMatchObject({
      startUs: at(10),
      endUs: at(20),
    });
  });

  it('charges graduated tiers, prorates the minimum for a contract starting mid-month, and rounds hours once', () => {
    const events = stateEvents('a1', 'RUN', at(360), at(360) + 10 * HOUR_US + 150e6, 30); // 10 h 2.5 min of RUN
    const t = terms({
      heartbeatTimeoutSeconds: 30,
      tiers: [
        { upToHours: '5', ratePerHour: '100' },
        { upToHours: null, ratePerHour: '80' },
      ],
      minimumCommitment: '3000',
    });
    const sut = rateContractPeriod(
      ratingInput(june, events, {
        versions: [
          { contractId: 'c1', version: 1, effectiveFromUs: at(360), effectiveToUs: null, terms: t },
        ],
      }),
    );
    expect(sut.billableHours).toBe('10');
    expect(sut.charges.lines.map((l) => [l.kind, l.amount])).toEqual([
      ['USAGE', '900.00'],
      ['MINIMUM_TRUE_UP', '600.00'],
    ]);
    expect(sut.charges.total).toBe('1500.00');
    expect(Number(sut.figures.seconds.NOT_IN_SERVICE)).toBe(0); // service dates, not the contract start, decide NOT_IN_SERVICE
  });

  it('bills an asset only inside its in-service windows (several in one period) and keys the run by them', () => {
    const events = stateEvents('a1', 'RUN', at(0), at(720), 300);
    const base = ratingInput(june, events, { terms: terms({ heartbeatTimeoutSeconds: 600 }) });
    const inService = [
      { startUs: at(24), endUs: at(48) },
      { startUs: at(100), endUs: null },
    ];
    const input = {
      ...base,
      assets: [...base.assets].map((a) => ({
        ...a,
        service: { assetId: a.assetId, commissionedAtUs: null, terminatedAtUs: null, inService },
      })),
    };
    const sut = rateContractPeriod(input);
    expect(sut.billableHours).toBe(String(24 + 620));
    expect(Number(sut.figures.seconds.NOT_IN_SERVICE) / 3600).toBe(24 + 52);
    expect(
      sut.intervals.filter((r) => r.category === 'NOT_IN_SERVICE').map((r) => [r.startUs, r.endUs]),
    ).toEqual([
      [at(0), at(24)],
      [at(48), at(100)],
    ]);
    expect(sut.key).not.toBe(rateContractPeriod(base).key);
    expect(rateContractPeriod(base).billableHours).toBe('720');
  });

  it('is a pure function of its inputs: the same inputs, the same result and key', () => {
    const { events, windows } = workedExample();
    const input = ratingInput(june, events, { windows, terms: exampleTerms });
    expect(rateContractPeriod(input)).toEqual(
      rateContractPeriod(
        ratingInput(june, [...events].reverse(), { windows, terms: exampleTerms }),
      ),
    );
    expect(ratingDigest(input)).toBe(
      ratingDigest(ratingInput(june, [...events].reverse(), { windows, terms: exampleTerms })),
    );
    expect(rateContractPeriod(input).key).toBe(ratingDigest(input));
    expect(ratingDigest(input)).not.toBe(
      ratingDigest(ratingInput(june, events.slice(1), { windows, terms: exampleTerms })),
    );
  });
});
