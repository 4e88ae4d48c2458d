import {
  lossReport,
  MetricSampler,
  storedPoints,
  TelemetryFleetPublisher,
  totalPoints,
  waitFor,
  type InfluxServer,
} from '@hourglass/testing-services';
import { useFaultEnvironment } from './fault-environment.fixture';

/** Ingest's unacknowledged window here (the platform's default is 20,000). */
const MAX_UNACKED = 500;
/** The spool's size here (the platform's default is 20 million samples). */
const SPOOL_MAX_SAMPLES = 1_000;
/**
 * The subscriber pauses its socket once the window is full, but the packets of the read that
 * filled it are still delivered: at most one socket read (64 KiB) of ~90-byte PUBLISH packets.
 */
const READ_OVERSHOOT = Math.ceil((64 * 1024) / 90);
const LATENCY_MS = 5_000;
const DEVICES = 20;
/** 400 msg/s for 15 s: thousands wait with the broker within a few slow writes. */
const RATE_PER_DEVICE = 20;
/**
 * What ingest may hold beyond its idle footprint: its window (500 messages of ~90 bytes, parsed:
 * well under 1 MB), one batch, the spool's 1,000 samples, and the 20 publishers' MQTT.js state, plus
 * V8's heap slack. A leak of one message per publish (6,000 x ~1-2 KB retained) would pass 100 MB
 * unseen; passing runs grow -1 to 0 MB (both cases, this loaded 2-core machine), so 40 MB leaves room
 * for GC timing and still catches such a leak.
 */
const RSS_GROWTH_LIMIT = 40 * 1024 * 1024;

/**
 * F2 with a store that cannot keep up: 400 msg/s against 5 s per write, or against a store that
 * refuses every write once the spool is full. Ingest must hold no more than its window and leave
 * the rest with the broker (back-pressure), keep its memory flat, and lose nothing.
 */
describe('F2: InfluxDB slow (5 s per write), or failing with the spool full: back-pressure', () => {
  const env = useFaultEnvironment('f2-slow', {
    maxUnacked: MAX_UNACKED,
    spool: { maxSamples: SPOOL_MAX_SAMPLES },
    ingest: { retryMinMs: 500, retryMaxMs: 5_000 },
  });

  const stored = (prefix: string) => storedPoints((q) => env.influx.query(q), prefix);

  /** Publishes 6,000 messages over 15 s under `fault`, then lifts it; returns the figures. */
  const underPressure = async (prefix: string, fault: Parameters<InfluxServer['faults']>[0]) => {
    const fleet = await TelemetryFleetPublisher.connect({
      url: env.mosquitto.url,
      prefix,
      devices: DEVICES,
      ratePerDevice: RATE_PER_DEVICE,
      messagesPerDevice: 300,
    });
    env.closeFirst.push(fleet);
    await env.influx.faults(fault);
    const acked0 = env.ingest.acked;
    const rssBefore = process.memoryUsage().rss;
    const sampler = new MetricSampler(
      async () => ({
        rss: process.memoryUsage().rss,
        // Published (the broker has it) and not yet acknowledged by ingest (not yet durable).
        waiting: fleet.total - (env.ingest.acked - acked0),
        spool: await env.ingest.metric('hg_ingest_spool_samples'),
      }),
      250,
    );
    env.ingest.resetUnackedPeak();
    sampler.start();
    fleet.start();
    await waitFor(() => fleet.finished, { timeoutMs: 90_000, what: 'the fleet to publish all' });
    await sampler.stop();
    const unackedPeak = env.ingest.unackedPeak;

    await env.influx.faults({});
    await waitFor(async () => totalPoints(await stored(prefix)) >= fleet.total, {
      timeoutMs: 90_000,
      intervalMs: 500,
      what: `all ${fleet.total} points of ${prefix}* in InfluxDB`,
    });
    const figures = {
      published: fleet.total,
      stored: totalPoints(await stored(prefix)),
      unackedPeak,
      waitingPeak: sampler.peak('waiting'),
      spoolPeak: sampler.peak('spool'),
      rssGrowthMb: Math.round((sampler.peak('rss') - rssBefore) / 1024 / 1024),
    };
    expect(fleet.errors).toEqual([]);
    return { fleet, figures, rssGrowth: sampler.peak('rss') - rssBefore };
  };

  afterEach(() => env.influx.faults({}));

  it('slow writes: the window stays bounded, the broker holds the rest, memory stays flat, nothing is lost', async () => {
    const prefix = 'f2-slow-';
    const since = Date.now();
    const { fleet, figures, rssGrowth } = await underPressure(prefix, { latencyMs: LATENCY_MS });
    const slowWrites = (await env.influx.writeLog()).filter(
      (w) => w.receivedAt >= since && w.injected && w.status === 204,
    );
    const shortestSlowWriteMs = Math.min(
      ...slowWrites.map((w) => (w.answeredAt ?? 0) - w.receivedAt),
    );
    console.info(
      `F2 slow: ${JSON.stringify({ ...figures, slowWrites: slowWrites.length, shortestSlowWriteMs })}`,
    );

    // Math.min of no writes is Infinity: without slow writes the latency check below proves nothing.
    expect(slowWrites.length).toBeGreaterThan(0);
    expect(shortestSlowWriteMs).toBeGreaterThanOrEqual(LATENCY_MS);
    // Thousands of messages waited (with the broker) while ingest held no more than its window.
    expect(figures.waitingPeak).toBeGreaterThanOrEqual(2_000);
    expect(figures.unackedPeak).toBeGreaterThanOrEqual(MAX_UNACKED);
    expect(figures.unackedPeak).toBeLessThanOrEqual(MAX_UNACKED + READ_OVERSHOOT);
    expect(figures.spoolPeak).toBe(0); // slow is not failed: nothing was spooled
    expect(rssGrowth).toBeLessThan(RSS_GROWTH_LIMIT);
    expect(lossReport(fleet.published, await stored(prefix))).toEqual([]);
  }, 180_000);

  it('failing writes with the spool full: ingest stops acknowledging at its window, then catches up', async () => {
    const prefix = 'f2-full-';
    const { fleet, figures, rssGrowth } = await underPressure(prefix, { status: 503 });
    console.info(`F2 spool full: ${JSON.stringify(figures)}`);

    expect(figures.spoolPeak).toBeGreaterThan(0);
    expect(figures.spoolPeak).toBeLessThanOrEqual(SPOOL_MAX_SAMPLES);
    expect(figures.waitingPeak).toBeGreaterThanOrEqual(2_000);
    expect(figures.unackedPeak).toBeGreaterThanOrEqual(MAX_UNACKED);
    expect(figures.unackedPeak).toBeLessThanOrEqual(MAX_UNACKED + READ_OVERSHOOT);
    expect(rssGrowth).toBeLessThan(RSS_GROWTH_LIMIT);
    expect(lossReport(fleet.published, await stored(prefix))).toEqual([]);
    expect(await env.ingest.metric('hg_ingest_spool_samples')).toBe(0);
  }, 180_000);
});
