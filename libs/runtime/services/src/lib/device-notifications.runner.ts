import { DeviceRepository } from '@hourglass/devices-registry';
import { TaskRepository } from '@hourglass/maintenance-tasks';
import { MaintenanceCommandPublisher } from '@hourglass/notifications-device-commands';
import { DeviceCommandConsumer, TaskDeviceOrders } from './device-commands.adapters';
import { connectPlatformMqtt, type PlatformMqtt } from './platform-mqtt.client';
import type { RuntimeContext } from './runtime-context';

/** The device side of notifications: the command consumer and the MQTT connection behind it. */
export interface RunningDeviceNotifications {
  consumer: DeviceCommandConsumer;
  mqtt: PlatformMqtt;
  stop(): Promise<void>;
}

/** Connects to the broker at `mqttUrl` as `svc-alerts` and builds the maintenance command consumer. */
export async function startDeviceNotifications(ctx: RuntimeContext, mqttUrl: string): Promise<RunningDeviceNotifications> {
  const mqtt = await connectPlatformMqtt(mqttUrl, ctx.servicePassword);
  const orders = new TaskDeviceOrders(new DeviceRepository(ctx.db), new TaskRepository(ctx.db));
  const consumer = new DeviceCommandConsumer(new MaintenanceCommandPublisher(mqtt.publish, orders));
  return { consumer, mqtt, stop: () => mqtt.close() };
}
