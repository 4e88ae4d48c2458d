import { EventEmitter } from 'node:events';
import { CmapssUnit } from '@hourglass/datasets-cmapss';
import { EngineDeviceEvents, EngineDeviceOptions, EngineDeviceStats } from './engine-device.types';
import { Tickable } from './fleet-scheduler';
import { errorMessage } from './simulator-error';
import {
  DeviceState,
  ReplaceCommand,
  ReplacedEvent,
  DeviceTopics,
  TelemetryMessage,
  CATCH_UP_BATCH,
  TelemetryBatchMessage,
  deviceTopics,
  parseReplaceCommand,
  rowMetrics,
} from './telemetry-message';

type Outage = {
  kind: 'FAULT' | 'STANDBY';
  remaining: number;
  /** Heartbeats sent in this outage so far. */
  ticks: number;
  atCycle: number;
  preventive: boolean;
  taskId?: string;
};
type Phase = { kind: 'RUN' } | Outage | { kind: 'DONE' };

export type {
  EndOfTrajectory,
  EngineDeviceEvents,
  EngineDeviceOptions,
  EngineDeviceStats,
  FailureEvent,
  OutageEndedEvent,
  ReplacementEvent,
} from './engine-device.types';

/**
 * One simulated engine: plays a C-MAPSS unit's rows, one telemetry message per tick, and models
 * failure and replacement. Time comes only from {@link tick}, so a single {@link FleetScheduler}
 * drives a whole fleet and tests drive it by hand.
 */
export class EngineDevice extends EventEmitter<EngineDeviceEvents> implements Tickable {
  readonly deviceId: string;
  private readonly topics: DeviceTopics;
  private unit: CmapssUnit;
  private rowIndex: number;
  private phase: Phase = { kind: 'RUN' };
  private pendingCommand: ReplaceCommand | undefined;
  private seq = 0;
  private lastCycle = 0;
  private readonly counters = { published: 0, acked: 0, failed: 0, pausedTicks: 0 };
  private inFlight = 0;
  private drainWaiters: (() => void)[] = [];
  private closed = false;
  /** A technician holds the unit out (STANDBY) until {@link finishService}. */
  private serviceHeld = false;

  constructor(private readonly options: EngineDeviceOptions) {
    super();
    if (options.unit.rows.length === 0) throw new Error(`unit ${options.unit.unit} has no rows`);
    this.deviceId = options.deviceId;
    this.topics = deviceTopics(options.deviceId);
    this.unit = options.unit;
    this.rowIndex = Math.min(Math.max(0, options.startRow ?? 0), options.unit.rows.length - 1);
  }

  /** The state reported in the last message, or `DONE` once a replay device has finished. */
  get state(): DeviceState | 'DONE' {
    return this.phase.kind;
  }

  /** The C-MAPSS unit number installed now. */
  get installedUnit(): number {
    return this.unit.unit;
  }

  /** The cycle of the last row published (0 before the first). */
  get cycle(): number {
    return this.lastCycle;
  }

  /** Whether the device's connection is up (its clock pauses while it is not). */
  get isConnected(): boolean {
    return this.options.transport.connected;
  }

  get isFinished(): boolean {
    return this.phase.kind === 'DONE';
  }

  get stats(): EngineDeviceStats {
    return { ...this.counters, inFlight: this.inFlight };
  }

  /** Subscribes to replace commands when enabled, and backfills history. Call before the first tick. */
  async start(): Promise<void> {
    this.backfill();
    const accept = this.options.acceptCommands ?? this.options.endOfTrajectory === 'fail';
    if (accept) {
      await this.options.transport.subscribe(this.topics.replaceCommand, (payload) =>
        this.onReplaceCommand(payload),
      );
    }
  }

  /** Advances one cycle; does nothing while the connection is down (the device's clock pauses). */
  tick(): void {
    if (this.phase.kind === 'DONE' || this.closed) return;
    const maxInFlight = this.options.maxInFlight ?? 1000;
    if (!this.options.transport.connected || this.inFlight >= maxInFlight) {
      this.counters.pausedTicks++;
      return;
    }
    if (this.phase.kind === 'RUN' && this.pendingCommand) this.beginPlannedStop();
    if (this.phase.kind === 'FAULT' || this.phase.kind === 'STANDBY') {
      const held = this.phase.kind === 'STANDBY' && this.serviceHeld;
      if (this.phase.remaining > 0 || held) {
        this.phase.remaining = Math.max(0, this.phase.remaining - 1);
        this.phase.ticks++;
        this.publishSample({}, this.phase.kind);
        return;
      }
      this.installReplacement(this.phase);
    }
    this.publishRow();
  }

  /**
   * A field technician takes the running unit out for a planned replacement: STANDBY from the next
   * tick, for at least the planned stop's ticks and until {@link finishService}, then a new unit.
   * False (nothing done) unless the device is running with no replacement pending.
   */
  beginService(taskId?: string): boolean {
    if (this.phase.kind !== 'RUN' || this.pendingCommand || this.closed) return false;
    this.pendingCommand = taskId === undefined ? {} : { taskId };
    this.serviceHeld = true;
    return true;
  }

  /** The technician is done: the new unit goes in once the planned stop's ticks have passed. */
  finishService(): void {
    this.serviceHeld = false;
  }

  /** Resolves `true` once every publish so far is acknowledged, `false` after `timeoutMs`. */
  drain(timeoutMs = Number.POSITIVE_INFINITY): Promise<boolean> {
    if (this.inFlight === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => resolve(false), timeoutMs)
        : undefined;
      this.drainWaiters.push(() => {
        if (timer) clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** Stops ticking, waits up to `drainTimeoutMs` for acknowledgements, then closes the transport. */
  async close(drainTimeoutMs = 5000): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.options.transport.connected) {
      const drained = await this.drain(drainTimeoutMs);
      if (!drained) this.log(`closing with ${this.inFlight} unacknowledged message(s)`);
    }
    await this.options.transport.close();
  }

  private backfill(): void {
    const interval = this.options.backfillIntervalMs;
    if (!interval || this.rowIndex === 0) return;
    const now = (this.options.now ?? Date.now)();
    // In batch messages: a one-message-per-row burst would run past the broker's per-device rate limit.
    for (let from = 0; from < this.rowIndex; from += CATCH_UP_BATCH) {
      const batch: TelemetryMessage[] = [];
      for (let i = from; i < Math.min(from + CATCH_UP_BATCH, this.rowIndex); i++) {
        this.seq++;
        batch.push({
          ts: Math.round(now - (this.rowIndex - i) * interval),
          seq: this.seq,
          metrics: rowMetrics(this.unit.rows[i]),
          state: 'RUN',
        });
      }
      const message: TelemetryBatchMessage = { batch };
      this.track(
        this.options.transport.publish(this.topics.telemetry, JSON.stringify(message), { qos: 1 }),
      );
    }
  }

  private publishRow(): void {
    const row = this.unit.rows[this.rowIndex];
    this.rowIndex++;
    this.lastCycle = row.cycle;
    this.publishSample(rowMetrics(row), 'RUN');
    if (this.rowIndex < this.unit.rows.length) return;
    if (this.options.endOfTrajectory === 'stop') {
      this.phase = { kind: 'DONE' };
      this.emit('finished');
      return;
    }
    this.phase = {
      kind: 'FAULT',
      remaining: this.options.repairTicks ?? 20,
      ticks: 0,
      atCycle: row.cycle,
      preventive: false,
    };
    this.log(`unit ${this.unit.unit} failed at cycle ${row.cycle}`);
    this.emit('failure', { deviceId: this.deviceId, unit: this.unit.unit, cycle: row.cycle });
  }

  private beginPlannedStop(): void {
    const repairTicks = this.options.repairTicks ?? 20;
    this.phase = {
      kind: 'STANDBY',
      remaining: this.options.standbyTicks ?? Math.max(1, Math.round(repairTicks / 4)),
      ticks: 0,
      atCycle: this.lastCycle,
      preventive: true,
      taskId: this.pendingCommand?.taskId,
    };
    this.pendingCommand = undefined;
    this.log(`planned replacement of unit ${this.unit.unit} at cycle ${this.lastCycle}`);
  }

  private installReplacement(outage: Outage): void {
    const removed = this.unit;
    if (!this.options.nextUnit) throw new Error(`${this.deviceId}: no nextUnit to replace with`);
    this.unit = this.options.nextUnit(removed);
    this.rowIndex = 0;
    this.phase = { kind: 'RUN' };
    const { preventive, atCycle, taskId } = outage;
    const event: ReplacedEvent = {
      type: 'replaced',
      taskId,
      preventive,
      unit: this.unit.unit,
      atCycle,
    };
    this.track(
      this.options.transport.publish(this.topics.events, JSON.stringify(event), { qos: 1 }),
    );
    this.log(
      `unit ${removed.unit} replaced by unit ${this.unit.unit} (${preventive ? 'preventive' : 'after failure'})`,
    );
    this.emit('outageEnded', {
      deviceId: this.deviceId,
      state: outage.kind,
      ticks: outage.ticks,
      unit: removed.unit,
      atCycle,
      ...(taskId !== undefined ? { taskId } : {}),
    });
    this.emit('replacement', {
      deviceId: this.deviceId,
      oldUnit: removed.unit,
      newUnit: this.unit.unit,
      preventive,
      atCycle,
      ...(taskId !== undefined ? { taskId } : {}),
    });
  }

  private onReplaceCommand(payload: Buffer): void {
    const command = parseReplaceCommand(payload);
    if (!command) {
      this.log(
        `ignored a replace command that is not a JSON object: ${payload.toString().slice(0, 80)}`,
      );
      return;
    }
    const phase = this.phase;
    if (phase.kind === 'RUN' && !this.pendingCommand) {
      this.pendingCommand = command;
    } else if (phase.kind === 'FAULT') {
      // Too late to prevent: the corrective replacement under way reports the task instead.
      phase.taskId ??= command.taskId;
      this.log(`replace command ${command.taskId ?? ''} arrived after the failure`);
    } else {
      this.log(`ignored replace command ${command.taskId ?? ''}: replacement already under way`);
    }
  }

  private publishSample(metrics: Record<string, number>, state: DeviceState, at?: number): void {
    this.seq++;
    const now = this.options.now ?? Date.now;
    const message: TelemetryMessage = {
      ts: Math.round(at ?? now()),
      seq: this.seq,
      metrics,
      state,
    };
    const payload = JSON.stringify(message);
    this.track(this.options.transport.publish(this.topics.telemetry, payload, { qos: 1 }));
  }

  private track(delivery: Promise<void>): void {
    this.inFlight++;
    this.counters.published++;
    delivery.then(
      () => this.settle(true),
      (error: unknown) => {
        this.settle(false);
        this.emit('publishError', error instanceof Error ? error : new Error(errorMessage(error)));
      },
    );
  }

  private settle(acked: boolean): void {
    if (acked) this.counters.acked++;
    else this.counters.failed++;
    this.inFlight--;
    if (this.inFlight > 0) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const wake of waiters) wake();
  }

  private log(message: string): void {
    this.options.log?.(`${this.deviceId}: ${message}`);
  }
}
