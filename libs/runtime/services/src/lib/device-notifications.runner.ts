import { DeviceRepository } from '@hourglass/devices-registry';
import { TaskRepository, WorkOrderService } from '@hourglass/maintenance-tasks';
import { EVENTS_FILTER } from '@hourglass/contracts-wire';
import {
  EquipmentEventReceiver,
  EquipmentEventRepository,
  MaintenanceCommandPublisher,
} from '@hourglass/notifications-device-commands';
import {
  DeviceCommandConsumer,
  TaskDeviceOrders,
  TaskEquipmentEventSink,
} from './device-commands.adapters';
import { connectPlatformMqtt, type PlatformMqtt } from './platform-mqtt.client';
import type { RuntimeContext } from './runtime-context';

/** How long a starting process waits for its broker before going on without it, ms. */
const FIRST_CONNECTION_WAIT_MS = 5_000;

/** The device side of notifications: the command consumer and the MQTT connection behind it. */
export interface RunningDeviceNotifications {
  consumer: DeviceCommandConsumer;
  mqtt: PlatformMqtt;
  stop(): Promise<void>;
}

/**
 * Connects to the broker at `mqttUrl` as `svc-alerts`, builds the maintenance command consumer, and
 * reads `devices/+/events` (QoS 1) into {@link TaskEquipmentEventSink}. It does not wait for the
 * broker (see {@link connectPlatformMqtt}).
 */
export async function startDeviceNotifications(
  ctx: RuntimeContext,
  mqttUrl: string,
): Promise<RunningDeviceNotifications> {
  const mqtt = connectPlatformMqtt(mqttUrl, ctx.serviceSecret('svc-alerts'), {
    subscriptions: [EVENTS_FILTER],
    log: ctx.log,
  });
  const devices = new DeviceRepository(ctx.db);
  const tasks = new TaskRepository(ctx.db);
  const consumer = new DeviceCommandConsumer(
    new MaintenanceCommandPublisher(mqtt.publish, new TaskDeviceOrders(devices, tasks)),
  );
  const sink = new TaskEquipmentEventSink(
    devices,
    tasks,
    new EquipmentEventRepository(ctx.db),
    new WorkOrderService({ db: ctx.db }),
    ctx.log,
  );
  const receiver = new EquipmentEventReceiver(sink, ctx.metrics, ctx.log);
  mqtt.client.on('message', (topic, payload) => {
    if (!topic.endsWith('/events')) return;
    receiver
      .handle(topic, payload)
      .catch((error: Error) => ctx.log(`equipment events: ${topic}: ${error.message}`));
  });
  // Subscribed before going on when the broker is there; without it the process starts anyway.
  await mqtt.firstConnection(FIRST_CONNECTION_WAIT_MS);
  return { consumer, mqtt, stop: () => mqtt.close() };
}
