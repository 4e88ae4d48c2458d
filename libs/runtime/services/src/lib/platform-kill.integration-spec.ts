import { rmSync } from 'node:fs';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
} from '@hourglass/devices-registry';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { freePort, TelemetryFleetPublisher, waitFor } from '@hourglass/testing-services';
import { BOOT_MS, PlatformProcess } from './platform-process.fixture';
import { openRuntimeContext } from './runtime-context';
import { migratedDataDir } from '@hourglass/testing-sql';

const DEVICES = 20;
// Rounds every 50 ms against a 200 ms ingest flush: several rounds always in flight.
const RATE_PER_DEVICE = 20;
const PREFIX = 'pf4-';

/** The missing seqs of 0 .. n-1, as ranges ("12-15", "40"). */
function missing(seen: ReadonlySet<number>, n: number): string[] {
  const ranges: string[] = [];
  for (let seq = 0; seq < n; seq++) {
    if (seen.has(seq)) continue;
    const from = seq;
    while (seq + 1 < n && !seen.has(seq + 1)) seq++;
    ranges.push(from === seq ? String(from) : `${from}-${seq}`);
  }
  return ranges;
}

/**
 * hostile-inputs.md F4 on the topology `npm start` runs: the whole platform process (broker, ingest
 * in its process, embedded stores) SIGKILLed under QoS 1 load, restarted on the same data
 * directory and MQTT port; the devices reconnect and re-send what was not acknowledged. Every
 * acknowledged sequence number must be in the store afterwards (counted in the embedded store
 * with the platform stopped), and the gaps are reported by sequence number.
 */
describe('F4 on the platform topology: SIGKILL of the platform process under load', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let fleet: TelemetryFleetPublisher | undefined;
  const platforms: PlatformProcess[] = [];
  const credentials = new Map<string, { username: string; password: string }>();

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-pf4-');
    env = {
      HG_MQTT_PORT: String(await freePort()),
      HG_INGEST_FLUSH_MS: '200',
      HG_MQTT_PUBLISH_RATE: '100',
    };
    const ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir }),
      () => undefined,
    );
    const registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    for (let n = 0; n < DEVICES; n++) {
      const id = `${PREFIX}${n}`;
      credentials.set(
        id,
        (await registry.provision(PROVIDER_SCOPE, { id, type: 'turbofan' })).credentials,
      );
    }
    await ctx.db.close();
  }, 60_000);

  afterAll(async () => {
    await fleet?.abandon();
    for (const p of platforms) if (!p.exit) p.signal('SIGKILL');
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const boot = () => {
    const p = new PlatformProcess(dataDir, env);
    platforms.push(p);
    return p.started();
  };

  /** Per device, the distinct seqs in the embedded store (opened once the platform has stopped). */
  const storedSeqs = async () => {
    const ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir }),
      () => undefined,
    );
    try {
      const rows = await ctx.db.query<{
        device_id: string;
        seq: string | number;
        n: string | number;
      }>(
        `select device_id, seq, count(*) as n from telemetry where device_id like '${PREFIX}%' group by device_id, seq`,
      );
      const seqs = new Map<string, Set<number>>();
      for (const r of rows)
        seqs.set(r.device_id, (seqs.get(r.device_id) ?? new Set()).add(Number(r.seq)));
      return { seqs, duplicates: rows.filter((r) => Number(r.n) > 1).length };
    } finally {
      await ctx.db.close();
    }
  };

  it(
    'loses no acknowledged message: devices re-send what the killed process had not acknowledged',
    async () => {
      const first = await boot();
      fleet = await TelemetryFleetPublisher.connect({
        url: `mqtt://127.0.0.1:${env['HG_MQTT_PORT']}`,
        prefix: PREFIX,
        devices: DEVICES,
        ratePerDevice: RATE_PER_DEVICE,
        credentials: (id) => credentials.get(id) as { username: string; password: string },
        reconnectPeriodMs: 500,
        resendOnError: true,
      });
      fleet.start();
      await waitFor(() => fleet!.total >= DEVICES * RATE_PER_DEVICE * 2, {
        timeoutMs: 30_000,
        what: 'two seconds of acknowledged load',
      });
      // Killed just after PUBACKs arrived, with later messages in flight: a PUBACK sent before the
      // write was durable would lose its message here, and the in-flight ones must be re-sent.
      await waitFor(() => fleet!.pending >= DEVICES, {
        timeoutMs: 5_000,
        intervalMs: 1,
        what: 'a round in flight',
      });
      const ackedBefore = fleet.total;
      // Both at once: a whole round can be acknowledged in one batch, leaving nothing in flight.
      // The condition is read and the kill sent in the same turn of the event loop.
      await waitFor(() => fleet!.total > ackedBefore && fleet!.pending > 0, {
        timeoutMs: 10_000,
        intervalMs: 1,
        what: 'PUBACKs arriving with later messages still in flight',
      });
      const ackedAtKill = fleet.total;
      const pendingAtKill = fleet.pending;
      first.signal('SIGKILL');
      expect(await first.exited()).toEqual({ code: null, signal: 'SIGKILL' });

      await boot();
      await waitFor(() => fleet!.total >= ackedAtKill + DEVICES * RATE_PER_DEVICE * 2, {
        timeoutMs: 60_000,
        what: 'devices reconnected and acknowledged again',
      });
      await fleet.stop(); // every message sent is acknowledged, re-sent ones included
      const last = platforms[platforms.length - 1]!;
      last.signal('SIGTERM');
      const stopped = await last.exited(60_000);
      expect(stopped).toEqual({ code: 0, signal: null });

      const { seqs, duplicates } = await storedSeqs();
      const gaps: Record<string, string[]> = {};
      for (const [device, n] of fleet.published) {
        const lost = missing(seqs.get(device) ?? new Set(), n);
        if (lost.length) gaps[device] = lost;
      }
      const figures = {
        acked: fleet.total,
        ackedAtKill,
        pendingAtKill,
        resends: fleet.resends,
        reconnects: fleet.reconnects,
        duplicates,
        gaps,
      };
      console.info(`F4 platform: ${JSON.stringify(figures)}`);

      expect(pendingAtKill).toBeGreaterThan(0);
      expect(fleet.errors).toEqual([]);
      expect(gaps).toEqual({});
      expect(duplicates).toBe(0);
    },
    2 * BOOT_MS + 120_000,
  );
});
