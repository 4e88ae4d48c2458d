import { ServiceOutcomeLedger, formatCents } from './service-outcome.ledger';

describe(ServiceOutcomeLedger.name, () => {
  let now: number;
  let sut: ServiceOutcomeLedger;

  beforeEach(() => {
    now = 0;
    sut = new ServiceOutcomeLedger({ fleetSize: 2, speed: 2, now: () => now });
    sut.setTerms({ currency: 'EUR', ratePerHour: '120.00' });
  });

  it('prices a planned stop as forgone hours and a failure as forced outage, side by side', () => {
    sut.onOutageEnded({
      deviceId: 'e-1',
      state: 'STANDBY',
      ticks: 60,
      unit: 3,
      atCycle: 150,
      taskId: 'o-1',
    });
    sut.recordMiss('e-2', 'ORDER_TOO_LATE', 'o-2');
    sut.onOutageEnded({ deviceId: 'e-2', state: 'FAULT', ticks: 240, unit: 4, atCycle: 200 });
    now = 3_600_000;

    expect(sut.list()).toEqual([
      expect.objectContaining({
        kind: 'PREVENTED',
        orderId: 'o-1',
        outageSeconds: 30,
        forcedOutageSeconds: 0,
        lostChargesCents: 100,
      }),
      expect.objectContaining({
        kind: 'MISSED',
        reason: 'ORDER_TOO_LATE',
        orderId: 'o-2',
        forcedOutageSeconds: 120,
        lostChargesCents: 400,
      }),
    ]);
    expect(sut.summary()).toEqual({
      prevented: { count: 1, outageSeconds: 30, forcedOutageSeconds: 0, lostChargesCents: 100 },
      missed: {
        count: 1,
        outageSeconds: 120,
        forcedOutageSeconds: 120,
        lostChargesCents: 400,
        withoutOrder: 0,
        orderTooLate: 1,
      },
      availability: 1 - 120 / 7200,
      currency: 'EUR',
      firstVisits: { SUGGESTION: { visits: 0, fixed: 0 }, DEFAULT_KIT: { visits: 0, fixed: 0 } },
    });
    expect(sut.describeSummary()).toBe(
      'service loop: 1 failure(s) prevented (planned stops 30.0 s, EUR 1.00 forgone) | 1 missed (0 without an order, 1 order too late; forced outage 120.0 s, EUR 4.00 lost) | fleet availability 98.333 %',
    );
  });

  it('books a failure nobody recorded a reason for as one without an order', () => {
    expect(
      sut.onOutageEnded({ deviceId: 'e-1', state: 'FAULT', ticks: 2, unit: 1, atCycle: 9 }),
    ).toMatchObject({
      kind: 'MISSED',
      reason: 'NO_ORDER',
    });
  });

  it('formats minor units', () => {
    expect([formatCents(5, 'EUR'), formatCents(123456), formatCents(-7, 'USD')]).toEqual([
      'EUR 0.05',
      '1234.56',
      'USD -0.07',
    ]);
  });
});
