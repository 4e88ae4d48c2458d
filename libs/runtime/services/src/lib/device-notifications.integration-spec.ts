import { rmSync } from 'node:fs';
import mqtt, { type MqttClient } from 'mqtt';
import type { BrokerServer } from '@hourglass/broker-server';
import {
  eventsTopic,
  maintenanceCommandTopic,
  type MaintenanceOrdersCommand,
} from '@hourglass/contracts-wire';
import {
  DeviceRegistryService,
  DeviceRepository,
  PasswordHasher,
  type DeviceCredentials,
} from '@hourglass/devices-registry';
import { TaskRepository, WorkOrderService, type Task } from '@hourglass/maintenance-tasks';
import { EquipmentEventRepository } from '@hourglass/notifications-device-commands';
import {
  EventPublisher,
  WebhookDeliveryRepository,
  WebhookSubscriptionRepository,
} from '@hourglass/notifications-webhooks';
import { loadPlatformConfig } from '@hourglass/platform-config';
import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { waitFor } from '@hourglass/testing-services';
import { startBroker } from './broker.runner';
import {
  startDeviceNotifications,
  type RunningDeviceNotifications,
} from './device-notifications.runner';
import { openRuntimeContext, type RuntimeContext } from './runtime-context';
import { notifyingWorkOrderEvents } from './work-order-events.adapter';
import { WorkOrderNotifications } from './work-order-notifications';
import { migratedDataDir } from '@hourglass/testing-sql';

/** The device side through the real broker: retained maintenance commands (and, below, equipment events). */
describe('device notifications', () => {
  let ctx: RuntimeContext;
  let broker: BrokerServer;
  let device: RunningDeviceNotifications;
  let notifications: WorkOrderNotifications;
  let registry: DeviceRegistryService;
  let tasks: TaskRepository;
  let dataDir: string;
  const clients: MqttClient[] = [];

  const connect = async (id: string, credentials: DeviceCredentials) => {
    const client = await mqtt.connectAsync(broker.url, {
      clientId: id,
      ...credentials,
      reconnectPeriod: 0,
    });
    clients.push(client);
    return client;
  };
  /** Subscribes `client` to its maintenance topic; every payload received, as text. */
  const watchCommands = async (client: MqttClient, id: string) => {
    const seen: string[] = [];
    client.on(
      'message',
      (topic, payload) => topic === maintenanceCommandTopic(id) && seen.push(payload.toString()),
    );
    await client.subscribeAsync(maintenanceCommandTopic(id), { qos: 1 });
    return seen;
  };
  const raise = async (assetId: string, component: string): Promise<Task> => {
    const task = await tasks.openIfNone({
      tenantId: 'acme',
      assetId,
      component,
      priority: 'HIGH',
      predictedRul: 20,
      risk: 0.8,
      modelVersion: 'm@1',
      replaceBy: new Date('2026-06-01T00:00:00Z'),
    });
    if (!task) throw new Error('no task raised');
    await notifications.notify({ kind: 'raised', order: task });
    return task;
  };

  beforeAll(async () => {
    dataDir = await migratedDataDir('hg-devnotify-');
    ctx = await openRuntimeContext(
      loadPlatformConfig({ HG_DATA_DIR: dataDir, HG_MQTT_PORT: '0', HG_SIMULATOR: 'off' }),
      () => undefined,
    );
    broker = await startBroker(ctx, 0);
    device = await startDeviceNotifications(ctx, broker.url);
    notifications = new WorkOrderNotifications(
      new EventPublisher(new WebhookDeliveryRepository(ctx.db)),
      [device.consumer],
      (line) => {
        throw new Error(line);
      },
    );
    registry = new DeviceRegistryService(
      new DeviceRepository(ctx.db),
      new PasswordHasher({ N: 1024 }),
    );
    tasks = new TaskRepository(ctx.db);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.endAsync(true)));
    await device?.stop();
    await broker?.close();
    await ctx?.db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('retains the open orders for a device that connects later, and clears them when the last order closes', async () => {
    const { credentials } = await registry.provision(PROVIDER_SCOPE, {
      id: 'eng-1',
      type: 'turbofan',
      tenantId: 'acme',
    });
    const first = await raise('eng-1', 'hpc-module');
    const second = await raise('eng-1', 'fan-blade');

    const late = await connect('eng-1', credentials);
    const seen = await watchCommands(late, 'eng-1');
    await waitFor(() => seen.length >= 1, { what: 'the retained maintenance command' });
    const command = JSON.parse(seen[0]) as MaintenanceOrdersCommand;
    expect(command).toMatchObject({
      type: 'orders',
      orders: [
        { orderId: first.id, component: 'hpc-module', status: 'OPEN', priority: 'HIGH' },
        { orderId: second.id, component: 'fan-blade', status: 'OPEN' },
      ],
    });

    const done = await tasks.update(PROVIDER_SCOPE, first.id, { status: 'DONE' });
    await notifications.notify({ kind: 'status_changed', order: done!, previousStatus: 'OPEN' });
    await waitFor(() => seen.length >= 2, { what: 'the command after one order closed' });
    expect((JSON.parse(seen[1]) as MaintenanceOrdersCommand).orders.map((o) => o.orderId)).toEqual([
      second.id,
    ]);

    const cancelled = await tasks.update(PROVIDER_SCOPE, second.id, { status: 'CANCELLED' });
    await notifications.notify({
      kind: 'status_changed',
      order: cancelled!,
      previousStatus: 'OPEN',
    });
    await waitFor(() => seen.length >= 3, { what: 'the cleared command' });
    expect(seen[2]).toBe('');

    // The retained message is gone: a device subscribing now gets nothing, only what is published next.
    await late.endAsync();
    const again = await connect('eng-1', credentials);
    const fresh = await watchCommands(again, 'eng-1');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(fresh).toEqual([]);
  });

  it('records an equipment event against the open order of its asset and component; refuses bad and forged ones', async () => {
    const events = new EquipmentEventRepository(ctx.db);
    const recorded = () => events.list(tenantScope('acme'), 'eng-3');
    const { credentials } = await registry.provision(PROVIDER_SCOPE, {
      id: 'eng-3',
      type: 'turbofan',
      tenantId: 'acme',
    });
    const other = await registry.provision(PROVIDER_SCOPE, {
      id: 'eng-4',
      type: 'turbofan',
      tenantId: 'acme',
    });
    const order = await raise('eng-3', 'hpc-module');
    const eng3 = await connect('eng-3', credentials);

    await eng3.publishAsync(eventsTopic('eng-3'), '{"type":"exploded"}', { qos: 1 });
    await eng3.publishAsync(
      eventsTopic('eng-3'),
      JSON.stringify({
        type: 'part_replaced',
        component: 'hpc-module',
        partNumber: 'HPC-42',
        ts: 1_777_000_000_000,
      }),
      { qos: 1 },
    );
    await waitFor(async () => (await recorded()).length === 1, {
      what: 'the recorded part replacement',
    });
    expect(await recorded()).toEqual([
      expect.objectContaining({
        deviceId: 'eng-3',
        orderId: order.id,
        type: 'part_replaced',
        component: 'hpc-module',
        partNumber: 'HPC-42',
      }),
    ]);
    expect(await ctx.metrics.render()).toMatch(
      /hg_equipment_events_rejected_total\{reason="unknown_type"\} 1/,
    );

    // eng-4 claims to be eng-3: the broker's ACL refuses the publish, so nothing reaches the sink.
    const forger = await connect('eng-4', other.credentials);
    forger.on('error', () => undefined);
    await forger
      .publishAsync(
        eventsTopic('eng-3'),
        JSON.stringify({
          type: 'part_replaced',
          component: 'hpc-module',
          partNumber: 'FORGED',
          ts: 1,
        }),
        { qos: 0 },
      )
      .catch(() => undefined);
    await waitFor(
      async () =>
        /hg_broker_rejections_total\{reason="publish_denied"\} [1-9]/.test(
          await ctx.metrics.render(),
        ),
      { what: 'the refused publish' },
    );
    await eng3.publishAsync(
      eventsTopic('eng-3'),
      JSON.stringify({ type: 'part_replaced', component: 'fan', ts: 2 }),
      { qos: 1 },
    );
    await waitFor(async () => (await recorded()).length === 2, { what: 'the next genuine event' });
    const all = await recorded();
    expect(all.map((e) => e.partNumber)).toEqual(['HPC-42', null]);
    expect(all[1].orderId).toBeNull();
  });

  it('through the wiring: a raised order queues its webhook and publishes the retained command; an equipment event notes the order', async () => {
    const { credentials } = await registry.provision(PROVIDER_SCOPE, {
      id: 'eng-5',
      type: 'turbofan',
      tenantId: 'acme',
    });
    const subscriptions = new WebhookSubscriptionRepository(ctx.db);
    await subscriptions.insert({
      id: 'wh-orders',
      tenantId: 'acme',
      url: 'http://127.0.0.1:9/hook',
      eventTypes: ['work_order.raised'],
      secret: 's',
      description: null,
      enabled: true,
      createdBy: 'test',
    });
    const orders = new WorkOrderService({
      db: ctx.db,
      events: notifyingWorkOrderEvents(notifications),
    });
    const order = await orders.raise({
      tenantId: 'acme',
      assetId: 'eng-5',
      assetType: 'turbofan',
      component: 'hpc-module',
      source: { kind: 'RULE', ruleId: 'egt' },
      priority: 'MEDIUM',
      replaceBy: new Date('2026-06-01T00:00:00Z'),
    });

    const deliveries = await new WebhookDeliveryRepository(ctx.db).list(
      tenantScope('acme'),
      'wh-orders',
    );
    expect(deliveries).toEqual([
      expect.objectContaining({
        eventType: 'work_order.raised',
        payload: expect.objectContaining({
          data: expect.objectContaining({ order: expect.objectContaining({ id: order!.id }) }),
        }),
      }),
    ]);
    const eng5 = await connect('eng-5', credentials);
    const seen = await watchCommands(eng5, 'eng-5');
    await waitFor(() => seen.length >= 1, {
      what: 'the retained maintenance command of the raised order',
    });
    expect(JSON.parse(seen[0])).toMatchObject({
      type: 'orders',
      orders: [{ orderId: order!.id, component: 'hpc-module', status: 'OPEN', priority: 'MEDIUM' }],
    });

    await eng5.publishAsync(
      eventsTopic('eng-5'),
      JSON.stringify({
        type: 'part_replaced',
        component: 'hpc-module',
        partNumber: 'HPC-42',
        ts: 3,
      }),
      { qos: 1 },
    );
    const notes = async () =>
      ((await orders.history(PROVIDER_SCOPE, order!.id)) ?? []).filter((h) => h.kind === 'NOTE');
    await waitFor(async () => (await notes()).length === 1, {
      what: 'the note of the equipment event',
    });
    expect(await notes()).toEqual([
      expect.objectContaining({
        actor: 'device:eng-5',
        detail: { text: 'equipment event part_replaced: component hpc-module, part HPC-42' },
      }),
    ]);
  });
});
