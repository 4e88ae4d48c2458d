import { parseTelemetryEventId, telemetryEventId } from './state-event.repository';

describe(parseTelemetryEventId.name, () => {
  it('reads back the ids the repository gives telemetry events', () => {
    for (const kind of ['STATE', 'HEARTBEAT', 'HOUR_METER'] as const) {
      const us = 1_780_000_000_123_456;
      expect(parseTelemetryEventId(telemetryEventId(kind, us))).toEqual({ kind, observedAtUs: us });
    }
  });

  it.each([
    ['a correction id', 'c-0b8f1a9e-7d2c-4c41-9a53-2f1e0c7d9b11'],
    ['a kind that is not stored in state_events', 'CORRECTION@1780000000123456'],
    ['a time beyond exact integers', 'STATE@99999999999999999'],
    ['a fractional time', 'STATE@1.5'],
    ['a lower-case kind', 'state@1780000000123456'],
  ])('is null for %s', (_, id) => {
    expect(parseTelemetryEventId(id)).toBeNull();
  });
});
