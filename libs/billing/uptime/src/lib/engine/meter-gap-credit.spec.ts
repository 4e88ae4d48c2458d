import { baseTimeline, creditMeterGaps } from './base-timeline';
import { STATE_CODE } from './billing-categories';
import type { BillingEvent } from './billing-inputs';
import { monthPeriod } from './billing-period';
import { normalizeEvents } from './event-normalizer';
import { HOUR_US, ratingInput, stateEvents, terms } from './fixtures/billing-scenario.fixture';
import { rateContractPeriod } from './period-rating';

const june = monthPeriod('UTC', '2026-06');
const at = (hours: number) => june.startUs + hours * HOUR_US;
const MIN_US = 60e6;
const TIMEOUT_US = 900e6; // the spec's default heartbeat timeout, 15 min

const meter = (id: string, atUs: number, reading: number): BillingEvent => ({
  assetId: 'a1',
  source: 'meter',
  eventId: id,
  observedAtUs: atUs,
  receivedAtUs: atUs,
  kind: 'HOUR_METER',
  meterHours: reading,
});

/**
 * Messages every 5 min in `before` up to 99:55, a meter reading at 99:55 (1000 h), nothing until
 * 110:00 (a 10 h 05 min outage), a meter reading at 110:00, then RUN to the end of the month. The
 * UNKNOWN gap is 100:10..110:00 (9 h 50 min): the first 15 min of the outage are still `before`.
 */
function outage(before: 'RUN' | 'STANDBY', readingAfter: number): BillingEvent[] {
  const last = at(100) - 5 * MIN_US;
  return [
    ...stateEvents('a1', before, at(0), at(100)),
    meter('m1', last, 1000),
    meter('m2', at(110), readingAfter),
    ...stateEvents('a1', 'RUN', at(110), at(720)),
  ];
}
const GAP_US = at(110) - (at(100) - 5 * MIN_US + TIMEOUT_US);
const RUN_THROUGH = 1000 + (10 * 60 + 5) / 60; // the meter counted all 10 h 05 min of the outage

function sut(events: BillingEvent[]) {
  const { events: cols, carryIn } = normalizeEvents(events, june.startUs, june.endUs).assets.get(
    'a1',
  )!;
  const seg = baseTimeline(cols, carryIn, june.startUs, june.endUs, TIMEOUT_US);
  const anomalies = creditMeterGaps(seg, cols, carryIn);
  const gap = seg.state.indexOf(STATE_CODE.UNKNOWN);
  return { anomalies, gapUs: seg.endUs[gap] - seg.startUs[gap], creditUs: seg.meterCreditUs[gap] };
}

describe(creditMeterGaps.name, () => {
  it('credits the whole gap to a device that kept running through an outage, without a flag', () => {
    const { anomalies, gapUs, creditUs } = sut(outage('RUN', RUN_THROUGH));
    expect(gapUs).toBe(GAP_US);
    expect(anomalies).toEqual([]);
    // Meter delta 10 h 05 min minus the 15 min state already counted as RUN: exactly the gap.
    expect(Math.abs(creditUs - GAP_US)).toBeLessThan(1_000);
  });

  it('bills the month the device ran through the outage in full and holds nothing for review', () => {
    const run = rateContractPeriod(
      ratingInput(june, outage('RUN', RUN_THROUGH), { terms: terms() }),
    );
    expect(Number(run.figures.seconds.RUN) / 3600).toBeCloseTo(720, 5);
    expect(Number(run.figures.seconds.UNKNOWN)).toBeLessThan(0.001);
    expect(run.billableHours).toBe('720');
    expect(run.review).toEqual([]);
  });

  it('still flags a meter that advanced more than the counted RUN, the gap and 60 s', () => {
    const jump = RUN_THROUGH + 61 / 3600;
    const { anomalies, creditUs } = sut(outage('RUN', jump));
    expect(anomalies).toEqual([
      expect.objectContaining({ reason: 'meter_jump', atUs: at(110), gapSeconds: GAP_US / 1e6 }),
    ]);
    expect(creditUs).toBe(0);
    // Within the 60 s of slack: credited, capped at the gap.
    const slack = sut(outage('RUN', RUN_THROUGH + 59 / 3600));
    expect(slack.anomalies).toEqual([]);
    expect(slack.creditUs).toBe(GAP_US);
  });

  it('still flags a meter reset and credits nothing', () => {
    const { anomalies, creditUs } = sut(outage('RUN', 3));
    expect(anomalies).toEqual([expect.objectContaining({ reason: 'meter_reset', atUs: at(110) })]);
    expect(creditUs).toBe(0);
  });

  it('credits a device that was in STANDBY before the outage and ran during it, within the gap', () => {
    const { anomalies, creditUs } = sut(outage('STANDBY', 1006));
    expect(anomalies).toEqual([]);
    expect(Math.abs(creditUs - 6 * HOUR_US)).toBeLessThan(1_000);
    // Nothing counted by state: a meter that ran the whole gap gets it all...
    const wholeGap = sut(outage('STANDBY', 1000 + GAP_US / HOUR_US));
    expect(wholeGap.anomalies).toEqual([]);
    expect(Math.abs(wholeGap.creditUs - GAP_US)).toBeLessThan(1_000);
    // ...but one that also ran the 15 min the state calls STANDBY is beyond the gap plus 60 s: a jump.
    expect(sut(outage('STANDBY', RUN_THROUGH))).toMatchObject({
      anomalies: [expect.objectContaining({ reason: 'meter_jump' })],
      creditUs: 0,
    });
  });

  it('gives the gap only what the meter counted beyond the RUN already counted, never less than 0', () => {
    // Meter +6 h over the 10 h 05 min: 15 min of it are already RUN by state, 5 h 45 min go to the gap.
    expect(Math.abs(sut(outage('RUN', 1006)).creditUs - (6 * HOUR_US - TIMEOUT_US))).toBeLessThan(
      1_000,
    );
    // Meter +5 min: less than the state already counted. No credit, no flag (the 2 % check of §4 sees it).
    const less = sut(outage('RUN', 1000 + 5 / 60));
    expect(less).toMatchObject({ anomalies: [], creditUs: 0 });
  });
});
