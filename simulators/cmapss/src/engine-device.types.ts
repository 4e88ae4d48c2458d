import { CmapssUnit } from '@hourglass/datasets-cmapss';
import { DeviceTransport } from './device-transport';

/** What a device does after the last row of its unit: fail and get a new unit, or stop. */
export type EndOfTrajectory = 'fail' | 'stop';

/** Options of {@link EngineDevice}. */
export interface EngineDeviceOptions {
  deviceId: string;
  transport: DeviceTransport;
  /** The unit installed at start. */
  unit: CmapssUnit;
  /** Index of the first row of `unit` to play (default 0: from cycle 1). */
  startRow?: number;
  /**
   * When set with a `startRow`, `start()` first publishes the skipped rows as history, timestamped
   * this many ms apart and ending now, so the platform sees the unit's whole life from cycle 1.
   */
  backfillIntervalMs?: number;
  /** `fail` (demo fleet): FAULT, then a replacement unit. `stop` (replay): finish. */
  endOfTrajectory: EndOfTrajectory;
  /** Picks the unit installed at a replacement; required when units can be replaced. */
  nextUnit?: (removed: CmapssUnit) => CmapssUnit;
  /** Ticks a failed engine stays in FAULT before it is replaced (default 20). */
  repairTicks?: number;
  /** Ticks of STANDBY for a planned replacement (default a quarter of `repairTicks`, at least 1). */
  standbyTicks?: number;
  /** Whether to act on `commands/replace` (default: when `endOfTrajectory` is `fail`). */
  acceptCommands?: boolean;
  /** Unacknowledged publishes above which the device's clock pauses (default 1000). */
  maxInFlight?: number;
  /** Source of `ts` (default `Date.now`). */
  now?: () => number;
  log?: (message: string) => void;
}

/** Emitted when a unit reaches its last cycle in a device that runs units to failure. */
export interface FailureEvent {
  deviceId: string;
  unit: number;
  /** The failed unit's last cycle. */
  cycle: number;
}

/** Emitted when a new unit is installed. */
export interface ReplacementEvent {
  deviceId: string;
  oldUnit: number;
  newUnit: number;
  /** True for a planned replacement (command), false after a failure. */
  preventive: boolean;
  /** Age in cycles of the removed unit. */
  atCycle: number;
  taskId?: string;
}

/** Emitted when a device's outage ends, just before its `replacement` event. */
export interface OutageEndedEvent {
  deviceId: string;
  /** FAULT after a failure (forced outage), STANDBY for a planned replacement. */
  state: 'FAULT' | 'STANDBY';
  /** Heartbeats sent while down: the outage lasted this many ticks. */
  ticks: number;
  /** The unit taken out and its last cycle. */
  unit: number;
  atCycle: number;
  taskId?: string;
}

/** Typed events of {@link EngineDevice}. */
export interface EngineDeviceEvents {
  failure: [FailureEvent];
  replacement: [ReplacementEvent];
  outageEnded: [OutageEndedEvent];
  /** The last row was published (`endOfTrajectory: 'stop'`); acknowledgements may be pending. */
  finished: [];
  publishError: [Error];
}

/** Publish counters of one device. */
export interface EngineDeviceStats {
  published: number;
  acked: number;
  failed: number;
  inFlight: number;
  /** Ticks skipped because the connection was down or too many publishes were unacknowledged. */
  pausedTicks: number;
}
