import {
  lossReport,
  storedPoints,
  TcpFaultProxy,
  TelemetryFleetPublisher,
  totalPoints,
  waitFor,
} from '@hourglass/testing-services';
import { useFaultEnvironment } from './fault-environment.fixture';

const DEVICES = 20;
const MESSAGES_PER_DEVICE = 20;
const RATE_PER_DEVICE = 2;
const LATENCY_MS = 500;
const LOSS_RATE = 0.3;
const PREFIX = 'f7-';

/**
 * F7: 30 % packet loss and 500 ms latency between the devices and the broker. TCP hides loss from
 * the endpoints except as stalls (retransmission timeouts) and, when retransmissions keep failing,
 * a reset connection; the proxy emulates exactly that (`TcpFaults` in @hourglass/testing-services):
 * every chunk in either direction is delayed 500 ms, 30 % of them stall for a backed-off
 * retransmission timeout, and a chunk lost three times in a row resets the connection. Devices
 * reconnect and publish again what the broker had not acknowledged (MQTT.js fails the messages
 * in flight on a dropped connection): every QoS 1 message must arrive
 * (duplicates allowed: a point is keyed by device and timestamp, so one redelivered overwrites itself).
 */
describe('F7: 30 % packet loss and 500 ms latency between devices and broker', () => {
  const env = useFaultEnvironment('f7');
  let proxy: TcpFaultProxy;
  const seed = Math.floor(Math.random() * 2 ** 31);

  beforeAll(async () => {
    proxy = await TcpFaultProxy.start(env.mosquitto.port);
    env.closeFirst.push({ close: () => proxy.stop() });
  });

  it('delivers every QoS 1 message, counted in InfluxDB', async () => {
    const begin = Date.now();
    proxy.faults({ latencyMs: LATENCY_MS, lossRate: LOSS_RATE, seed });
    const fleet = await TelemetryFleetPublisher.connect({
      url: proxy.url('mqtt'),
      prefix: PREFIX,
      devices: DEVICES,
      ratePerDevice: RATE_PER_DEVICE,
      messagesPerDevice: MESSAGES_PER_DEVICE,
      resendOnError: true,
    });
    env.closeFirst.unshift(fleet);
    const messages0 = await env.ingest.metric('hg_ingest_messages_total');
    fleet.start();
    await waitFor(() => fleet.finished, {
      timeoutMs: 90_000,
      intervalMs: 250,
      what: `every device's ${MESSAGES_PER_DEVICE} messages acknowledged through the lossy link`,
    });
    const stored = () => storedPoints((q) => env.influx.query(q), PREFIX);
    await waitFor(async () => totalPoints(await stored()) >= fleet.total, {
      timeoutMs: 30_000,
      intervalMs: 250,
      what: `all ${fleet.total} points of ${PREFIX}* in InfluxDB`,
    });
    await env.ingest.service.flush();
    const figures = {
      seed,
      published: fleet.total,
      receivedByIngest: (await env.ingest.metric('hg_ingest_messages_total')) - messages0,
      ...proxy.stats,
      reconnects: fleet.reconnects,
      resends: fleet.resends,
      ms: Date.now() - begin,
    };
    console.info(`F7: ${JSON.stringify(figures)}`);

    expect(fleet.errors).toEqual([]);
    expect(lossReport(fleet.published, await stored())).toEqual([]);
    // The link really was lossy: chunks stalled, and connections were reset and re-established.
    expect(proxy.stats.lost).toBeGreaterThan(0);
    expect(proxy.stats.resets).toBeGreaterThan(0);
    expect(fleet.reconnects).toBeGreaterThan(0);
  }, 150_000);
});
