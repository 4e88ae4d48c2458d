// One scenario for comparing a run's inputs read as columns with the object path: ties on the
// observed microsecond ordered by seq and kind, unknown states, events received after the cutoff or
// observed after "now", carry-in only, no events, corrections and a quarantined duplicate id.
import { isoToMicros } from './billing-time';

export const CONTRACT_ID = 'columns';

export const ASSETS = [
  'a1-plain',
  'a2-corrected',
  'a3-silent',
  'a4-carry-only',
  'a5-plain',
] as const;

/** A row of `state_events`. */
export interface ScenarioEvent {
  asset: string;
  at: string;
  kind: 'STATE' | 'HEARTBEAT' | 'HOUR_METER';
  state: string | null;
  seq: number | null;
  meter: number | null;
  received: string;
}

const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

function event(
  asset: string,
  at: string,
  kind: ScenarioEvent['kind'],
  payload: { state?: string; meter?: number; seq?: number; received?: string } = {},
): ScenarioEvent {
  return {
    asset,
    at,
    kind,
    state: payload.state ?? null,
    seq: payload.seq ?? null,
    meter: payload.meter ?? null,
    received: payload.received ?? later(at, 1000),
  };
}

const TIE = '2026-06-03T10:00:00.123456Z';
const NULL_SEQ_TIE = '2026-06-04T08:00:00.000001Z';

export const EVENTS: ScenarioEvent[] = [
  event('a1-plain', '2026-05-31T22:00:00Z', 'STATE', { state: 'RUN', seq: 1 }),
  event('a1-plain', '2026-05-31T23:30:00Z', 'HEARTBEAT', { state: 'RUN', seq: 2 }),
  event('a1-plain', '2026-05-31T23:45:00Z', 'HOUR_METER', { meter: 100.5, seq: 3 }),
  event('a1-plain', '2026-05-31T23:50:00Z', 'STATE', { state: 'STANDBY', seq: 4 }),
  event('a1-plain', '2026-06-02T00:00:20Z', 'HOUR_METER', { meter: 120.125, seq: 5 }),
  // Same microsecond: seq orders them against the kinds' order; then without seq, the kinds' order.
  event('a1-plain', TIE, 'STATE', { state: 'FAULT', seq: 1 }),
  event('a1-plain', TIE, 'HOUR_METER', { meter: 150.25, seq: 5 }),
  event('a1-plain', TIE, 'HEARTBEAT', { state: 'FAULT', seq: 9 }),
  event('a1-plain', NULL_SEQ_TIE, 'STATE', { state: 'RUN' }),
  event('a1-plain', NULL_SEQ_TIE, 'HEARTBEAT', { state: 'RUN' }),
  event('a1-plain', NULL_SEQ_TIE, 'HOUR_METER', { meter: 160 }),
  event('a1-plain', '2026-06-05T00:00:10.5Z', 'STATE', { state: 'WARMUP', seq: -1 }),
  event('a1-plain', '2026-06-05T00:00:10.5Z', 'HOUR_METER', { meter: 170 }),
  event('a1-plain', '2026-06-05T02:00:10Z', 'STATE', { state: 'RUN' }),
  event('a1-plain', '2026-06-10T00:00:20Z', 'HOUR_METER', { meter: 300 }),
  // Observed after an open period's "now" but received before it (a device clock ahead).
  event('a1-plain', '2026-06-15T13:00:05Z', 'HEARTBEAT', {
    state: 'RUN',
    received: '2026-06-15T12:00:00Z',
  }),
  event('a1-plain', '2026-06-20T00:00:07Z', 'HEARTBEAT', {
    state: 'RUN',
    received: '2026-07-02T00:00:00Z',
  }),
  event('a1-plain', '2026-06-20T00:00:07Z', 'STATE', {
    state: 'FAULT',
    received: '2026-07-01T00:59:00Z',
  }),
  event('a1-plain', '2026-06-25T00:00:20Z', 'HOUR_METER', { meter: 600 }),
  event('a2-corrected', '2026-05-31T20:00:00Z', 'STATE', { state: 'RUN' }),
  event('a2-corrected', '2026-06-01T00:05:00Z', 'STATE', { state: 'RUN', seq: 1 }),
  event('a2-corrected', '2026-06-02T00:00:00Z', 'HEARTBEAT', { state: 'RUN', seq: 2 }),
  event('a2-corrected', '2026-06-03T00:00:00Z', 'STATE', { state: 'FAULT', seq: 3 }),
  event('a2-corrected', '2026-06-03T05:00:00Z', 'STATE', { state: 'RUN', seq: 4 }),
  event('a2-corrected', '2026-06-20T05:00:00Z', 'HEARTBEAT', { state: 'RUN', seq: 5 }),
  event('a4-carry-only', '2026-05-31T23:59:00Z', 'STATE', { state: 'RUN' }),
  event('a4-carry-only', '2026-05-31T23:59:00Z', 'HOUR_METER', { meter: 50 }),
  event('a5-plain', '2026-06-01T00:00:15Z', 'STATE', { state: 'CUSTOMER_STOP', seq: 1e12 }),
  event('a5-plain', '2026-06-20T12:00:00Z', 'STATE', { state: 'RUN' }),
];

/** A heartbeat a minute: a1 for half of June (RUN), a5 for two days (CUSTOMER_STOP, no seq). */
export function minuteHeartbeats(): ScenarioEvent[] {
  const rows: ScenarioEvent[] = [];
  const run = (asset: string, from: string, to: string, state: string, seq: boolean) => {
    for (let t = Date.parse(from), i = 0; t < Date.parse(to); t += 60_000, i++)
      rows.push(
        event(asset, new Date(t).toISOString(), 'HEARTBEAT', {
          state,
          seq: seq ? 100 + i : undefined,
        }),
      );
  };
  run('a1-plain', '2026-06-01T00:00:30Z', '2026-06-16T00:00:30Z', 'RUN', true);
  run('a5-plain', '2026-06-01T00:00:45Z', '2026-06-03T00:00:45Z', 'CUSTOMER_STOP', false);
  return rows;
}

const id = (kind: string, iso: string) => `${kind}@${isoToMicros(iso)}`;

/** Corrections of a2: one in the period, one of a carry-in event, one reusing a telemetry id (quarantined). */
export const CORRECTIONS = [
  {
    id: 'c-1',
    asset: 'a2-corrected',
    supersedes: id('STATE', '2026-06-03T00:00:00Z'),
    at: '2026-06-03T00:00:00Z',
    state: 'STANDBY',
    meter: null,
    received: '2026-06-10T00:00:00Z',
  },
  {
    id: 'c-2',
    asset: 'a2-corrected',
    supersedes: id('STATE', '2026-05-31T20:00:00Z'),
    at: '2026-05-31T20:00:00Z',
    state: 'FAULT',
    meter: null,
    received: '2026-06-05T00:00:00Z',
  },
  {
    id: id('HEARTBEAT', '2026-06-02T00:00:00Z'),
    asset: 'a2-corrected',
    supersedes: id('STATE', '2026-06-01T00:05:00Z'),
    at: '2026-06-01T00:05:00Z',
    state: 'FAULT',
    meter: null,
    received: '2026-06-20T00:00:00Z',
  },
];
