/**
 * Single-core throughput of parseTelemetry on the ingest hot path.
 * Run: node tools/run.js libs/telemetry/schema/bench/parse-throughput.ts [seconds-per-case]
 * Prints one line per case, then one JSON object with every figure.
 */
import { encodeLineProtocol, parseTelemetry } from '../src/index';

const NOW = Date.UTC(2025, 0, 15, 12);
const METRICS = { t2: 641.82, t24: 1589.7, t30: 1400.6, t50: 1052.1, p30: 554.36 };
const SENSORS = { ...METRICS, nf: 2388.06, nc: 9046.19, phi: 47.47 };

function sample(i: number): object {
  return { ts: NOW - 1000 + i, seq: 100_000 + i, state: 'RUN', metrics: SENSORS };
}

const cases: Record<string, Buffer> = {
  single8Metrics: Buffer.from(JSON.stringify(sample(0))),
  single8MetricsRfc3339: Buffer.from(
    JSON.stringify({ ...sample(0), ts: new Date(NOW - 1000).toISOString() }),
  ),
  batch100x8Metrics: Buffer.from(
    JSON.stringify({ batch: Array.from({ length: 100 }, (_, i) => sample(i)) }),
  ),
};

/** Messages per second of `parse` on `payload`, over `seconds` after a warm-up. */
function rate(parse: (payload: Buffer) => number, payload: Buffer, seconds: number): number {
  let messages = 0;
  let sink = 0;
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  while (process.hrtime.bigint() < deadline) {
    for (let i = 0; i < 1000; i++) sink += parse(payload);
    messages += 1000;
  }
  if (sink < 0) console.log(sink); // keeps the work observable
  return Math.round(messages / (Number(process.hrtime.bigint() - start) / 1e9));
}

function ours(payload: Buffer): number {
  const result = parseTelemetry('engine-1', payload, NOW);
  if (result.rejected.length > 0) throw new Error(result.rejected[0].detail);
  return result.samples.length;
}

/** The floor: decoding and JSON.parse alone, no validation. */
function bareJsonParse(payload: Buffer): number {
  return JSON.parse(payload.toString('utf8')) === null ? 0 : 1;
}

function main(): void {
  const seconds = Number(process.argv[2] ?? 2);
  const figures: Record<string, number> = {};
  const ratios: Record<string, number> = {};
  for (const [name, payload] of Object.entries(cases)) {
    rate(ours, payload, 0.5); // warm-up: let the JIT settle
    rate(bareJsonParse, payload, 0.5);
    const msgPerSec = rate(ours, payload, seconds);
    const reference = rate(bareJsonParse, payload, seconds);
    const samples = ours(payload);
    console.log(
      `${name} (${payload.length} B): ${msgPerSec} msg/s, ${msgPerSec * samples} samples/s;` +
        ` bare JSON.parse ${reference} msg/s`,
    );
    figures[`${name}MsgPerSec`] = msgPerSec;
    figures[`${name}SamplesPerSec`] = msgPerSec * samples;
    ratios[`${name}VsBareJsonParse`] = Number((msgPerSec / reference).toFixed(3));
  }
  const [first] = parseTelemetry('engine-1', cases.single8Metrics, NOW).samples;
  const lines = 200_000;
  const start = process.hrtime.bigint();
  for (let i = 0; i < lines; i++) encodeLineProtocol(first);
  figures.lineProtocolPerSec = Math.round(lines / (Number(process.hrtime.bigint() - start) / 1e9));
  console.log(`encodeLineProtocol: ${figures.lineProtocolPerSec} lines/s`);
  const goals = { over200kMsgPerSec: figures.single8MetricsMsgPerSec > 200_000 };
  console.log(JSON.stringify({ bench: 'telemetry-parse', figures, ratios, goals }));
}

main();
