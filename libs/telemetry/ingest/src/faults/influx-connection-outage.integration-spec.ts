import { readdirSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import {
  faultOutageMs,
  faultScenarioMs,
  lossReport,
  MetricSampler,
  storedPoints,
  TelemetryFleetPublisher,
  totalPoints,
  waitFor,
} from '@hourglass/testing-services';
import { useFaultEnvironment } from './fault-environment.fixture';

const OUTAGE_MS = faultOutageMs();
const DEVICES = 30;
const RATE_PER_DEVICE = 5;
/** Short, so the black hole's writes reach the timeout branch many times within the outage. */
const STORE_TIMEOUT_MS = 2_000;

/**
 * F1 as the network sees it: not a 503 from a proxy that stays up, but the store's connection
 * itself failing: refused (nothing listens: `ECONNREFUSED`) or black-holed (accepted, never
 * answered: only the store's request timeout ends the write). Either way ingest must spool, count
 * the backlog, and lose nothing (every sequence number checked in InfluxDB afterwards).
 */
describe('F1: the store connection refused or black-holed under load', () => {
  const env = useFaultEnvironment('f1-conn', {
    storeProxy: true,
    storeTimeoutMs: STORE_TIMEOUT_MS,
    // Backoff capped low so the drainer tries again within seconds of recovery.
    ingest: { retryMinMs: 250, retryMaxMs: 2_000 },
  });

  const outage = async (prefix: string, cut: () => Promise<void>) => {
    const fleet = await TelemetryFleetPublisher.connect({
      url: env.mosquitto.url,
      prefix,
      devices: DEVICES,
      ratePerDevice: RATE_PER_DEVICE,
    });
    env.closeFirst.push(fleet);
    const logFrom = env.ingest.log.length;
    const stored = async () => totalPoints(await storedPoints((q) => env.influx.query(q), prefix));
    const sampler = new MetricSampler(
      async () => ({ spool: await env.ingest.metric('hg_ingest_spool_samples') }),
      500,
    );
    sampler.start();
    fleet.start();
    await waitFor(async () => (await stored()) >= DEVICES * 5, {
      timeoutMs: 30_000,
      what: `${prefix}* flowing into InfluxDB before the outage`,
    });
    await cut();
    const cutAt = Date.now();
    const publishedAtCut = fleet.total;
    await delay(OUTAGE_MS); // the outage itself, not a synchronisation
    const publishedInOutage = fleet.total - publishedAtCut;
    const spoolPeak = sampler.peak('spool', cutAt);
    await env.storeProxy?.restore();
    const restoredAt = Date.now();
    await delay(3_000); // devices keep publishing while the backlog drains
    await fleet.stop();
    await waitFor(async () => (await stored()) >= fleet.total, {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: `all ${fleet.total} published points of ${prefix}* in InfluxDB`,
    });
    const drainedMs = Date.now() - restoredAt;
    await waitFor(async () => (await env.ingest.metric('hg_ingest_spool_samples')) === 0, {
      what: 'an empty spool',
    });
    await sampler.stop();
    const figures = {
      published: fleet.total,
      publishedInOutage,
      spoolPeak,
      drainedMs,
      outageMs: OUTAGE_MS,
    };
    expect(fleet.errors).toEqual([]);
    expect(
      lossReport(fleet.published, await storedPoints((q) => env.influx.query(q), prefix)),
    ).toEqual([]);
    // The spool took what arrived during the outage, and its gauge showed it.
    expect(spoolPeak).toBeGreaterThanOrEqual(publishedInOutage / 2);
    expect(readdirSync(env.spoolDir).filter((name) => name.endsWith('.batch'))).toEqual([]);
    expect(env.ingest.subscriber.unackedCount).toBe(0);
    return { figures, log: env.ingest.log.slice(logFrom) };
  };

  it(
    'refused: the write fails with ECONNREFUSED, the spool takes the load, nothing is lost',
    async () => {
      const { figures, log } = await outage('f1-refused-', () => env.storeProxy!.refuse());
      const refused = log.filter((line) => /unreachable.*ECONNREFUSED/.test(line));
      console.info(`F1 refused: ${JSON.stringify({ ...figures, refusedWrites: refused.length })}`);
      expect(refused.length).toBeGreaterThan(0);
    },
    faultScenarioMs(90_000),
  );

  it(
    'black-holed: the write times out, the spool takes the load, nothing is lost',
    async () => {
      const { figures, log } = await outage('f1-blackhole-', () => env.storeProxy!.blackhole());
      const timedOut = log.filter((line) => /unreachable: Request timed out/.test(line));
      const blackHoled = env.storeProxy!.stats.blackHoled;
      console.info(
        `F1 black hole: ${JSON.stringify({ ...figures, timedOut: timedOut.length, blackHoled })}`,
      );
      expect(timedOut.length).toBeGreaterThan(0);
      expect(blackHoled).toBeGreaterThan(0);
    },
    faultScenarioMs(90_000),
  );
});
