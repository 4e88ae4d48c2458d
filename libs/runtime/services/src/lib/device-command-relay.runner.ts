import {
  DeviceCommandOutboxRepository,
  DeviceCommandRelayJob,
  MaintenanceCommandPublisher,
} from '@hourglass/notifications-device-commands';
import { DeviceRepository } from '@hourglass/devices-registry';
import { TaskRepository } from '@hourglass/maintenance-tasks';
import { TaskDeviceOrders } from './device-commands.adapters';
import { startDeviceNotifications } from './device-notifications.runner';
import { PeriodicTask } from './periodic-task';
import type { RuntimeContext } from './runtime-context';

/** How often the device command outbox is looked at (a queued command waits at most this long). */
export const DEVICE_COMMAND_RELAY_INTERVAL_MS = 1_000;

/** The MQTT side of the platform when its services run apart, as the maintenance process runs it. */
export interface RunningDeviceCommandRelay {
  job: PeriodicTask;
  stop(): Promise<void>;
}

/**
 * Connects to the broker at `mqttUrl` as `svc-alerts`, reads `devices/+/events` into the open orders
 * (as `npm start` does), and publishes the maintenance commands other processes queued
 * ({@link QueueingDeviceCommands}) every {@link DEVICE_COMMAND_RELAY_INTERVAL_MS}.
 */
export async function startDeviceCommandRelay(
  ctx: RuntimeContext,
  mqttUrl: string,
  options: { intervalMs?: number } = {},
): Promise<RunningDeviceCommandRelay> {
  const device = await startDeviceNotifications(ctx, mqttUrl);
  const relay = new DeviceCommandRelayJob({
    outbox: new DeviceCommandOutboxRepository(ctx.db),
    commands: new MaintenanceCommandPublisher(
      device.mqtt.publish,
      new TaskDeviceOrders(new DeviceRepository(ctx.db), new TaskRepository(ctx.db)),
    ),
    log: ctx.log,
  });
  const job = new PeriodicTask(
    'device-commands',
    options.intervalMs ?? DEVICE_COMMAND_RELAY_INTERVAL_MS,
    async () => void (await relay.run()),
    ctx.log,
  ).start();
  return {
    job,
    stop: async () => {
      await job.stop();
      await device.stop();
    },
  };
}
