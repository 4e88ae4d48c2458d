import { CmapssParseError, CmapssUnit, readCmapssFile } from '@hourglass/datasets-cmapss';
import { DeviceCredentials, DeviceProvisioningClient } from './device-provisioning.client';
import { DeviceTransport } from './device-transport';
import { EngineDevice } from './engine-device';
import { FleetScheduler } from './fleet-scheduler';
import { MqttDeviceTransport } from './mqtt-device.transport';
import { SimulatorError, errorMessage } from './simulator-error';

/** Options of {@link runReplay}; the defaults are those of the CLI. */
export interface ReplayOptions {
  /** Path of a C-MAPSS file, or already parsed units. */
  file: string | readonly CmapssUnit[];
  /** Bearer token allowed to create devices. */
  token: string;
  /** Unit `n` becomes device `<prefix><n>` (default `engine-`). */
  prefix?: string;
  /** Cycles per second per device (default 10). */
  speed?: number;
  /** Platform REST API (default `http://127.0.0.1:8080`). */
  apiUrl?: string;
  /** Broker (default `mqtt://127.0.0.1:1883`). */
  mqttUrl?: string;
  /** Progress lines (default none); the CLI writes them to stderr. */
  log?: (message: string) => void;
  /** Interval of progress lines (default 2 s). */
  progressIntervalMs?: number;
  /**
   * Receives the acknowledged and published message counts while replaying (several times a second
   * and once at the end), instead of the periodic progress lines; the CLI draws them as a bar.
   */
  onProgress?: (progress: { acked: number; published: number; total: number }) => void;
  /** Give up when nothing is published or acknowledged for this long (default 60 s). */
  stallTimeoutMs?: number;
  /** HTTP implementation for provisioning (default the global `fetch`). */
  fetch?: typeof fetch;
}

/** Outcome of a completed replay. */
export interface ReplayResult {
  devices: string[];
  /** Telemetry messages published and acknowledged (one per row). */
  messages: number;
  durationMs: number;
}

/**
 * Replays a C-MAPSS file over MQTT: every unit becomes a device (provisioned through the API when
 * it does not exist), every row one QoS 1 telemetry message with state RUN, at `speed` rows per
 * second per device. Resolves once every message is acknowledged and all devices disconnected.
 *
 * @throws SimulatorError with the reason (API unreachable or refusing the token, broker refusing
 *   or unreachable, messages not acknowledged) after closing every connection it opened.
 */
export async function runReplay(options: ReplayOptions): Promise<ReplayResult> {
  const started = Date.now();
  const log = options.log ?? (() => undefined);
  const units = await loadUnits(options.file);
  const prefix = options.prefix ?? 'engine-';
  const deviceIds = units.map((unit) => `${prefix}${unit.unit}`);
  const credentials = await provisionAll(deviceIds, options);
  log(
    `replay: ${deviceIds.length} device(s) provisioned; connecting to ${options.mqttUrl ?? DEFAULT_MQTT}`,
  );
  const transports = await connectAll(deviceIds, credentials, options);
  const devices = units.map(
    (unit, i) =>
      new EngineDevice({
        deviceId: deviceIds[i],
        transport: transports[i],
        unit,
        endOfTrajectory: 'stop',
        acceptCommands: false,
        log,
      }),
  );
  const total = totalRows(units);
  try {
    await playAll(devices, total, options, log);
    options.onProgress?.({
      acked: sum(devices, 'acked'),
      published: sum(devices, 'published'),
      total,
    });
  } finally {
    await Promise.allSettled(devices.map((device) => device.close(0)));
  }
  const messages = sum(devices, 'acked');
  const durationMs = Date.now() - started;
  log(
    `replay: done, ${messages} message(s) from ${devices.length} unit(s) acknowledged in ${(durationMs / 1000).toFixed(1)} s`,
  );
  return { devices: deviceIds, messages, durationMs };
}

function sum(devices: readonly EngineDevice[], stat: 'acked' | 'published'): number {
  return devices.reduce((total, device) => total + device.stats[stat], 0);
}

function totalRows(units: readonly CmapssUnit[]): number {
  return units.reduce((sum, unit) => sum + unit.rows.length, 0);
}

const DEFAULT_API = 'http://127.0.0.1:8080';
const DEFAULT_MQTT = 'mqtt://127.0.0.1:1883';

async function loadUnits(file: ReplayOptions['file']): Promise<readonly CmapssUnit[]> {
  let units: readonly CmapssUnit[];
  try {
    units = typeof file === 'string' ? await readCmapssFile(file) : file;
  } catch (error) {
    if (error instanceof CmapssParseError) throw new SimulatorError('DATA', error.message, false);
    const reason = errorMessage(error);
    throw new SimulatorError('DATA', `cannot read ${String(file)}: ${reason}`, false, {
      cause: error,
    });
  }
  if (units.length === 0) throw new SimulatorError('DATA', `${String(file)} has no rows`, false);
  return units;
}

async function provisionAll(
  deviceIds: string[],
  options: ReplayOptions,
): Promise<DeviceCredentials[]> {
  const client = new DeviceProvisioningClient({
    apiUrl: options.apiUrl ?? DEFAULT_API,
    token: options.token,
    fetch: options.fetch,
  });
  const credentials: DeviceCredentials[] = [];
  for (const deviceId of deviceIds) credentials.push(await client.provision(deviceId));
  return credentials;
}

async function connectAll(
  deviceIds: string[],
  credentials: DeviceCredentials[],
  options: ReplayOptions,
): Promise<DeviceTransport[]> {
  const results = await Promise.allSettled(
    deviceIds.map((deviceId, i) =>
      MqttDeviceTransport.connect({
        url: options.mqttUrl ?? DEFAULT_MQTT,
        deviceId,
        ...credentials[i],
        log: options.log,
      }),
    ),
  );
  const failure = results.find(
    (result): result is PromiseRejectedResult => result.status === 'rejected',
  );
  if (!failure)
    return results.map((result) => (result as PromiseFulfilledResult<DeviceTransport>).value);
  await Promise.allSettled(
    results.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)),
  );
  throw failure.reason;
}

async function playAll(
  devices: EngineDevice[],
  total: number,
  options: ReplayOptions,
  log: (message: string) => void,
): Promise<void> {
  const speed = options.speed ?? 10;
  const finished = Promise.all(
    devices.map(
      (device) => new Promise<void>((resolve) => device.once('finished', () => resolve())),
    ),
  );
  const scheduler = new FleetScheduler({
    ticksPerSecond: speed,
    onLag: (dropped) => log(`replay: fell behind by ${dropped} tick(s)`),
  });
  devices.forEach((device) => scheduler.add(device));
  const watch = watchProgress(devices, total, options, log);
  scheduler.start();
  log(`replay: ${total} cycle(s) of ${devices.length} unit(s) at ${speed} cycle(s)/s per device`);
  try {
    await Promise.race([
      finished.then(() => Promise.all(devices.map((device) => device.drain()))),
      watch.stalled,
    ]);
  } finally {
    scheduler.stop();
    watch.stop();
  }
  const failed = devices.reduce((sum, device) => sum + device.stats.failed, 0);
  if (failed > 0) {
    throw new SimulatorError(
      'NOT_ACKNOWLEDGED',
      `${failed} message(s) were not acknowledged by the broker`,
      true,
    );
  }
}

function watchProgress(
  devices: EngineDevice[],
  total: number,
  options: ReplayOptions,
  log: (message: string) => void,
): { stalled: Promise<never>; stop: () => void } {
  const progressMs = options.progressIntervalMs ?? 2000;
  const stallMs = options.stallTimeoutMs ?? 60_000;
  let last = '';
  let lastChange = Date.now();
  let lastLog = Date.now();
  let timer: ReturnType<typeof setInterval> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    timer = setInterval(
      () => {
        const published = sum(devices, 'published');
        const acked = sum(devices, 'acked');
        const now = Date.now();
        if (`${published}/${acked}` !== last) [last, lastChange] = [`${published}/${acked}`, now];
        if (options.onProgress) options.onProgress({ acked, published, total });
        else if (now - lastLog >= progressMs) {
          lastLog = now;
          log(`replay: ${published}/${total} cycle(s) published, ${acked} acknowledged`);
        }
        if (now - lastChange >= stallMs) {
          const offline = devices.length - devices.filter((device) => device.isConnected).length;
          const why = offline > 0 ? `${offline} device(s) disconnected` : 'no acknowledgements';
          reject(
            new SimulatorError(
              'NOT_ACKNOWLEDGED',
              `replay stalled for ${stallMs} ms (${why})`,
              true,
            ),
          );
        }
      },
      Math.min(250, progressMs),
    );
  });
  stalled.catch(() => undefined);
  return { stalled, stop: () => clearInterval(timer) };
}
