import { EventEmitter } from 'node:events';
import { join } from 'node:path';
import { CmapssUnit, readCmapssFile } from '@hourglass/datasets-cmapss';
import { DeviceCredentials } from './device-provisioning.client';
import { DeviceTransport } from './device-transport';
import {
  EngineDevice,
  EngineDeviceStats,
  FailureEvent,
  OutageEndedEvent,
  ReplacementEvent,
} from './engine-device';
import { FleetScheduler } from './fleet-scheduler';
import { MqttDeviceTransport } from './mqtt-device.transport';
import { SchedulerClock, systemClock } from './scheduler-clock';
import { errorMessage } from './simulator-error';
import { UnitLifeFaults, type TrueFault } from './fault-draw';
import { UnitPool } from './unit-pool';

/** The run-to-failure trajectories shipped with the simulator (C-MAPSS FD001, 100 units). */
export const DEFAULT_CMAPSS_FILE = join(__dirname, '..', 'data', 'train_FD001.txt');

/**
 * The FD001 units `npm start`'s demo fleet replays: every tenth unit, held out of the shipped
 * model's training (models/fd001-mlp-v3, `data.heldOut` of its card), so the fleet's warnings are
 * on engines the model never saw. Chosen by rule before training, not by how the model does on them.
 */
export const DEMO_FLEET_UNITS: readonly number[] = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];

/** Options of {@link startDemoFleet}. */
export interface DemoFleetOptions {
  /** Broker URL, e.g. `mqtt://127.0.0.1:1883`. */
  mqttUrl: string;
  /** Returns MQTT credentials for a device id, creating the device when needed. */
  provision: (deviceId: string) => Promise<DeviceCredentials>;
  /** The trajectories to run, or the path of a C-MAPSS file (see {@link DEFAULT_CMAPSS_FILE}). */
  units: readonly CmapssUnit[] | string;
  /** Only these unit numbers of `units` (default: all; `npm start` gives {@link DEMO_FLEET_UNITS}). */
  unitIds?: readonly number[];
  /** Number of devices (default 10). */
  fleetSize?: number;
  /** Cycles per second for every device (default 2). */
  speed?: number;
  /** Ticks a failed engine stays in FAULT before replacement (default 20); planned: a quarter. */
  repairCycles?: number;
  /** Device ids are `<prefix><nn>` (default `demo-engine-`, so `demo-engine-01`...). */
  prefix?: string;
  /** Start each device part-way into its first unit's life so failures come early (default true). */
  startOffsetRandom?: boolean;
  /** Seed of every random choice (default 1). */
  seed?: number;
  log?: (message: string) => void;
  /** Connects a device; MQTT by default (tests inject an in-memory transport). */
  connect?: (deviceId: string, credentials: DeviceCredentials) => Promise<DeviceTransport>;
  /** Time source of the scheduler and of `ts` (default the process clock). */
  clock?: SchedulerClock;
}

/** Typed events of a {@link DemoFleet}. */
export interface DemoFleetEvents {
  failure: [FailureEvent];
  replacement: [ReplacementEvent];
  outageEnded: [OutageEndedEvent];
}

/** What each device of a demo fleet is doing. */
export interface DemoDeviceStatus extends EngineDeviceStats {
  deviceId: string;
  unit: number;
  cycle: number;
  state: string;
}

/** A running demo fleet. */
export interface DemoFleet {
  readonly deviceIds: readonly string[];
  readonly events: EventEmitter<DemoFleetEvents>;
  /** Cycles per second of every device. */
  readonly speed: number;
  status(): DemoDeviceStatus[];
  /**
   * A technician takes a running device's unit out (STANDBY until {@link finishService}); false when
   * the device is unknown, not running (failed, already in a replacement) or stopped.
   */
  beginService(deviceId: string, taskId?: string): boolean;
  /** The technician is done: the device gets its new unit and runs from cycle 1. */
  finishService(deviceId: string): void;
  /**
   * What a technician on site finds: the true fault of the device's current unit life (null for an
   * unknown device). Only the simulated technician may call it; the platform never sees it.
   */
  inspect(deviceId: string): TrueFault | null;
  /** Stops ticking, waits for in-flight publishes, announces `offline` and disconnects. */
  stop(): Promise<void>;
}

/**
 * Starts a fleet of simulated engines that run C-MAPSS units to failure: RUN telemetry every
 * cycle, FAULT heartbeats for `repairCycles` ticks after the last cycle, then a new unit from
 * cycle 1. A `devices/{id}/commands/replace` command replaces the unit early (STANDBY for a
 * quarter of `repairCycles`) and is confirmed on `devices/{id}/events`. One timer drives all.
 */
/** The demo fleet's defaults (`HG_SIM_DEVICES`, `HG_SIM_SPEED` when unset). */
export const DEMO_FLEET_DEFAULTS = { fleetSize: 10, speed: 2 } as const;

/** The demo fleet's device ids: `<prefix><nn>`, numbered from 1 (default `demo-engine-01`...). */
export function demoFleetDeviceIds(
  fleetSize: number = DEMO_FLEET_DEFAULTS.fleetSize,
  prefix = 'demo-engine-',
): string[] {
  const width = Math.max(2, String(fleetSize).length);
  return Array.from(
    { length: fleetSize },
    (_, i) => `${prefix}${String(i + 1).padStart(width, '0')}`,
  );
}

export async function startDemoFleet(options: DemoFleetOptions): Promise<DemoFleet> {
  const units = selectUnits(
    typeof options.units === 'string' ? await readCmapssFile(options.units) : options.units,
    options.unitIds,
  );
  const fleetSize = options.fleetSize ?? DEMO_FLEET_DEFAULTS.fleetSize;
  if (!Number.isInteger(fleetSize) || fleetSize < 1) {
    throw new RangeError(`fleetSize must be a positive integer, got ${fleetSize}`);
  }
  const pool = new UnitPool(units, options.seed ?? 1);
  const deviceIds = demoFleetDeviceIds(fleetSize, options.prefix);
  const transports = await connectAll(deviceIds, options);
  const events = new EventEmitter<DemoFleetEvents>();
  const faults = new UnitLifeFaults(options.seed ?? 1);
  const devices = createDevices(deviceIds, transports, pool, events, options);
  devices.forEach((device, index) => device.on('replacement', () => faults.replaced(index)));
  try {
    await Promise.all(devices.map((device) => device.start()));
  } catch (error) {
    await Promise.allSettled(devices.map((device) => device.close(0)));
    throw error;
  }
  const speed = options.speed ?? DEMO_FLEET_DEFAULTS.speed;
  const scheduler = new FleetScheduler({
    ticksPerSecond: speed,
    clock: options.clock,
    onLag: (dropped) => options.log?.(`demo fleet: fell behind, skipped ${dropped} tick(s)`),
    onError: (error) => options.log?.(`demo fleet: tick failed: ${errorMessage(error)}`),
  });
  devices.forEach((device) => scheduler.add(device));
  scheduler.start();
  options.log?.(`demo fleet: ${fleetSize} engine(s) at ${speed} cycle(s)/s`);
  const inspect = (deviceId: string): TrueFault | null => {
    const index = deviceIds.indexOf(deviceId);
    const unit = units.find((u) => u.unit === devices[index]?.installedUnit);
    return unit ? faults.of(index, unit) : null;
  };
  return { ...createHandle(deviceIds, devices, scheduler, events, speed), inspect };
}

function createDevices(
  deviceIds: string[],
  transports: DeviceTransport[],
  pool: UnitPool,
  events: EventEmitter<DemoFleetEvents>,
  options: DemoFleetOptions,
): EngineDevice[] {
  const clock = options.clock ?? systemClock;
  const firstUnits = pool.initialUnits(deviceIds.length);
  return deviceIds.map((deviceId, index) => {
    const unit = firstUnits[index];
    const device = new EngineDevice({
      deviceId,
      transport: transports[index],
      unit,
      startRow: options.startOffsetRandom === false ? 0 : pool.startRow(index, unit),
      // The skipped part of the first unit's life is sent as history, as a device that kept a log would.
      backfillIntervalMs: 1000 / (options.speed ?? DEMO_FLEET_DEFAULTS.speed),
      endOfTrajectory: 'fail',
      nextUnit: (removed) => pool.nextUnit(index, removed),
      repairTicks: options.repairCycles ?? 20,
      now: () => clock.now(),
      log: options.log,
    });
    device.on('failure', (event) => events.emit('failure', event));
    device.on('replacement', (event) => events.emit('replacement', event));
    device.on('outageEnded', (event) => events.emit('outageEnded', event));
    device.on('publishError', (error) =>
      options.log?.(`${deviceId}: publish failed: ${error.message}`),
    );
    return device;
  });
}

/** The units numbered in `ids` (every one must exist), or all of them. */
function selectUnits(
  units: readonly CmapssUnit[],
  ids: readonly number[] | undefined,
): readonly CmapssUnit[] {
  if (!ids) return units;
  const missing = ids.filter((id) => !units.some((u) => u.unit === id));
  if (missing.length > 0) throw new RangeError(`no unit ${missing.join(', ')} in the C-MAPSS data`);
  return units.filter((u) => ids.includes(u.unit));
}

function createHandle(
  deviceIds: string[],
  devices: EngineDevice[],
  scheduler: FleetScheduler,
  events: EventEmitter<DemoFleetEvents>,
  speed: number,
): Omit<DemoFleet, 'inspect'> {
  let stopping: Promise<void> | undefined;
  const byId = new Map(devices.map((device) => [device.deviceId, device]));
  return {
    deviceIds,
    events,
    speed,
    beginService: (deviceId, taskId) => byId.get(deviceId)?.beginService(taskId) ?? false,
    finishService: (deviceId) => byId.get(deviceId)?.finishService(),
    status: () =>
      devices.map((device) => ({
        deviceId: device.deviceId,
        unit: device.installedUnit,
        cycle: device.cycle,
        state: device.state,
        ...device.stats,
      })),
    stop: () => {
      stopping ??= (async () => {
        scheduler.stop();
        await Promise.allSettled(devices.map((device) => device.close()));
      })();
      return stopping;
    },
  };
}

async function connectAll(
  deviceIds: string[],
  options: DemoFleetOptions,
): Promise<DeviceTransport[]> {
  const connect =
    options.connect ??
    ((deviceId: string, credentials: DeviceCredentials) =>
      MqttDeviceTransport.connect({
        url: options.mqttUrl,
        deviceId,
        ...credentials,
        log: options.log,
      }));
  const results = await Promise.allSettled(
    deviceIds.map(async (deviceId) => connect(deviceId, await options.provision(deviceId))),
  );
  const failure = results.find((result) => result.status === 'rejected');
  if (!failure)
    return results.map((result) => (result as PromiseFulfilledResult<DeviceTransport>).value);
  await Promise.allSettled(
    results.map((result) => (result.status === 'fulfilled' ? result.value.close() : undefined)),
  );
  throw (failure as PromiseRejectedResult).reason;
}
