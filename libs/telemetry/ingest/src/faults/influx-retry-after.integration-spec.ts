import {
  lossReport,
  storedPoints,
  TelemetryFleetPublisher,
  totalPoints,
  waitFor,
} from '@hourglass/testing-services';
import { useFaultEnvironment } from './fault-environment.fixture';

/** The spec's case says 30 s; 3 s keeps the test short and proves the same thing. */
const RETRY_AFTER_S = 3;
/** Refusals to observe before the fault is lifted. */
const REFUSALS = 4;

/**
 * F2 with a throttling store: every write answered 429 or 503 with `Retry-After: 3`. No attempt
 * to write may follow a refusal sooner than the server asked, whoever makes it (the batch's own
 * retry or the spool's drainer), and nothing is lost once the store takes writes again.
 */
describe('F2: InfluxDB answering 429/503 with Retry-After', () => {
  // The platform's settings: retries from 500 ms doubling to 30 s, and a write-ahead spool.
  const env = useFaultEnvironment('f2-retry');
  const stored = (prefix: string) => storedPoints((q) => env.influx.query(q), prefix);

  afterEach(() => env.influx.faults({}));

  it.each([503, 429])(
    'answering %i with Retry-After: 3: no write follows a refusal sooner than 3 s, nothing is lost',
    async (status) => {
      const prefix = `f2-${status}-`;
      const fleet = await TelemetryFleetPublisher.connect({
        url: env.mosquitto.url,
        prefix,
        devices: 20,
        ratePerDevice: 2,
        messagesPerDevice: 40, // 800 messages over 20 s
      });
      env.closeFirst.push(fleet);
      const retries0 = await env.ingest.metric('hg_ingest_write_retries_total');
      const written0 = await env.ingest.metric('hg_ingest_samples_written_total');
      const since = Date.now();
      await env.influx.faults({ status, retryAfterSeconds: RETRY_AFTER_S });
      fleet.start();
      const writes = async () => (await env.influx.writeLog()).filter((w) => w.receivedAt >= since);
      await waitFor(
        async () => (await writes()).filter((w) => w.status === status).length >= REFUSALS,
        {
          timeoutMs: 60_000,
          intervalMs: 250,
          what: `${REFUSALS} writes answered ${status}`,
        },
      );
      await env.influx.faults({});
      await waitFor(() => fleet.finished, { timeoutMs: 60_000, what: 'the fleet to publish all' });
      await waitFor(async () => totalPoints(await stored(prefix)) >= fleet.total, {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: `all ${fleet.total} points of ${prefix}* in InfluxDB`,
      });

      // Every write attempt that follows a refusal (a retry of the refused batch or of the spool)
      // must come at least Retry-After later; nothing else writes while the store refuses.
      const log = await writes();
      const refusals = log.flatMap((w, i) => (w.status === status ? [i] : []));
      const attempts = log.slice(refusals[0], (refusals.at(-1) ?? 0) + 2);
      const gaps = attempts.slice(1).map((w, i) => w.receivedAt - attempts[i].receivedAt);
      console.info(
        `F2 ${status}: ${JSON.stringify({
          published: fleet.total,
          stored: totalPoints(await stored(prefix)),
          attempts: attempts.map((w) => `${w.status}@+${w.receivedAt - since}ms(${w.lines})`),
          gapsMs: gaps,
          spooledTotal: await env.ingest.metric('hg_ingest_spooled_samples_total'),
          writtenCounted: (await env.ingest.metric('hg_ingest_samples_written_total')) - written0,
          retriesCounted: (await env.ingest.metric('hg_ingest_write_retries_total')) - retries0,
        })}`,
      );

      expect(fleet.errors).toEqual([]);
      expect(attempts.filter((w) => w.status === status).length).toBeGreaterThanOrEqual(REFUSALS);
      expect(attempts.at(-1)?.status).toBe(204);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1_000);
      // Each refused replay is a failed write that will be retried (the first refusal was spooled).
      expect((await env.ingest.metric('hg_ingest_write_retries_total')) - retries0).toBe(
        attempts.filter((w) => w.status === status).length - 1,
      );
      expect(lossReport(fleet.published, await stored(prefix))).toEqual([]);
      // Each sample counted once as written to the store, whichever way it got there.
      expect((await env.ingest.metric('hg_ingest_samples_written_total')) - written0).toBe(
        fleet.total,
      );
    },
    120_000,
  );
});
