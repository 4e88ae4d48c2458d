/**
 * CPU per message of the in-process ingest path, without the broker or a database: parse and
 * validate each JSON message, batch it, encode each batch as InfluxDB line protocol as
 * InfluxTelemetryStore does, and acknowledge. The store answers at once, so wall time is all CPU on
 * this thread; the figure is CPU time (process.cpuUsage), which other processes disturb less
 * than wall time on a shared machine.
 * Run: node tools/run.js libs/telemetry/ingest/bench/ingest-cpu.ts [messages] [rounds]
 * Prints one line per round (with the young-generation collections per 1,000 messages, a measure
 * of what the path allocates), then one JSON object (the median round).
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { MetricsRegistry } from '@hourglass/platform-metrics';
import { encodeLineProtocol, type TelemetrySample } from '@hourglass/telemetry-schema';
import type { TelemetryStore } from '@hourglass/telemetry-store';
import type { DeadLetterRepository } from '../src/lib/dead-letter.repository';
import { TelemetryIngestService } from '../src/lib/telemetry-ingest.service';

const DEVICES = 10_000;

/** What `bench/ingest/telemetry-payload.ts` sends: 8 float metrics, ts and seq. */
function payload(device: number, seq: number, ts: number): Buffer {
  const metrics: Record<string, number> = {};
  for (let m = 1; m <= 8; m++) metrics[`m${m}`] = Math.round(Math.random() * 1e6) / 1e3 + m;
  return Buffer.from(JSON.stringify({ ts, seq, metrics }));
}

class EncodingStore {
  bytes = 0;
  async write(samples: readonly TelemetrySample[]): Promise<void> {
    this.bytes += samples.map((s) => encodeLineProtocol(s, 'telemetry')).join('\n').length;
  }
}

let scavenges = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    // Node 20 puts the GC kind in `detail` (its typings do not declare it on PerformanceEntry).
    const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
    if (detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
  }
}).observe({ entryTypes: ['gc'] });

interface Round {
  usPerMessage: number;
  scavengesPer1000: number;
}

async function round(messages: number): Promise<Round> {
  const now = Date.now();
  const payloads = Array.from({ length: 20_000 }, (_, i) =>
    payload(i % DEVICES, i, now - 20_000 + i),
  );
  const topics = Array.from(
    { length: DEVICES },
    (_, i) => `devices/dev-${String(i).padStart(5, '0')}/telemetry`,
  );
  const sut = new TelemetryIngestService({
    store: new EncodingStore() as unknown as TelemetryStore,
    deadLetters: { insert: async () => undefined } as unknown as DeadLetterRepository,
    metrics: new MetricsRegistry({ defaultMetrics: false }),
  });
  let acked = 0;
  const ack = () => void acked++;
  await new Promise((resolve) => setImmediate(resolve)); // GC entries of the set-up are counted first
  const scavengesBefore = scavenges;
  const cpu = process.cpuUsage();
  // 1,000 messages per turn of the event loop, as socket reads hand them over.
  for (let i = 0; i < messages;) {
    for (const end = Math.min(messages, i + 1_000); i < end; i++) {
      sut.handle({ topic: topics[i % DEVICES], payload: payloads[i % payloads.length], ack });
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  await sut.close();
  const used = process.cpuUsage(cpu);
  await new Promise((resolve) => setImmediate(resolve)); // the observer hears of the last ones
  if (acked !== messages) throw new Error(`${acked} of ${messages} acknowledged`);
  return {
    usPerMessage: (used.user + used.system) / messages,
    scavengesPer1000: ((scavenges - scavengesBefore) * 1000) / messages,
  };
}

async function main(): Promise<void> {
  const messages = Number(process.argv[2] ?? 200_000);
  const rounds = Number(process.argv[3] ?? 5);
  await round(20_000); // warm-up
  const figures: number[] = [];
  const scavengeRates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const { usPerMessage, scavengesPer1000 } = await round(messages);
    figures.push(usPerMessage);
    scavengeRates.push(Number(scavengesPer1000.toFixed(3)));
    console.log(
      `round ${r + 1}: ${usPerMessage.toFixed(2)} us CPU per message, ${scavengesPer1000.toFixed(3)} scavenges per 1,000 messages`,
    );
  }
  figures.sort((a, b) => a - b);
  const median = figures[Math.floor(figures.length / 2)];
  console.log(
    JSON.stringify({
      bench: 'ingest-cpu',
      figures: {
        usPerMessageMedian: Number(median.toFixed(2)),
        rounds: figures.map((f) => Number(f.toFixed(2))),
        scavengesPer1000Messages: scavengeRates,
      },
    }),
  );
}

void main();
