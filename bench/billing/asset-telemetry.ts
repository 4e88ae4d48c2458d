import type { DeviceState, TelemetrySample } from '@hourglass/telemetry-schema';
import { seededRandom } from './seeded-random';

/** The hour-meter metric the recorder reads by default (`HG_BILLING_METER_METRIC`). */
const METER_METRIC = 'hour_meter_h';
const MINUTE_MS = 60_000;

type Spell = DeviceState | 'OFFLINE';

/** How long each kind of spell lasts, minutes: [shortest, longest], skewed towards short. */
const SPELL_MINUTES: Record<string, [number, number]> = {
  RUN: [20, 720],
  STANDBY: [5, 240],
  FAULT: [5, 360],
  OFFLINE: [10, 180],
};

function nextSpell(current: Spell, random: () => number): Spell {
  const r = random();
  if (current === 'RUN') return r < 0.7 ? 'STANDBY' : r < 0.92 ? 'FAULT' : 'OFFLINE';
  return r < 0.85 ? 'RUN' : r < 0.95 ? 'STANDBY' : 'OFFLINE';
}

function spellMinutes(spell: Spell, random: () => number): number {
  const [lo, hi] = SPELL_MINUTES[spell];
  const u = random();
  return Math.round(lo + u * u * (hi - lo));
}

/**
 * One asset's telemetry as ingest hands it to the billing recorder: a sample a minute (device time,
 * a per-asset phase within the minute), its operating state, and its hour meter (`hour_meter_h`),
 * which advances while running. The state follows a seeded random sequence of RUN, STANDBY and FAULT
 * spells of minutes to hours, with now and then an offline spell (no samples; after a RUN spell the machine
 * kept running in about half of them, its meter too, which the stored readings on both sides of the gap show).
 * Yields the samples in days (1,440 minutes), the size of the recorder batches the bench feeds.
 */
export function* assetTelemetry(
  assetId: string,
  index: number,
  fromMs: number,
  toMs: number,
): Generator<TelemetrySample[]> {
  const random = seededRandom(index * 7919 + 17);
  const phaseMs = Math.floor(random() * 60) * 1000;
  let meter = 1_000 + random() * 20_000;
  let spell: Spell = 'RUN';
  let spellLeft = spellMinutes(spell, random);
  let offlineRunning = false;
  let seq = 0;
  let day: TelemetrySample[] = [];
  for (let t = fromMs + phaseMs; t < toMs; t += MINUTE_MS) {
    if (spellLeft-- <= 0) {
      // Communication lost while running: the machine may go on running, and its meter with it.
      offlineRunning = spell === 'RUN' && random() < 0.5;
      spell = nextSpell(spell, random);
      spellLeft = spellMinutes(spell, random) - 1;
    }
    if (spell === 'RUN' || (spell === 'OFFLINE' && offlineRunning)) meter += 1 / 60;
    if (spell !== 'OFFLINE')
      day.push({
        deviceId: assetId,
        ts: t,
        seq: seq++,
        state: spell,
        metrics: { [METER_METRIC]: meter },
      });
    if (day.length === 1_440) {
      yield day;
      day = [];
    }
  }
  if (day.length > 0) yield day;
}
