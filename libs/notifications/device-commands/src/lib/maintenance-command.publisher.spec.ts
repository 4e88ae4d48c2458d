import {
  MaintenanceCommandPublisher,
  type DeviceOrdersPort,
} from './maintenance-command.publisher';

describe(MaintenanceCommandPublisher.name, () => {
  const sent: Array<[string, string, boolean]> = [];
  let open = [{ orderId: 'o-1', component: 'hpc', status: 'OPEN', priority: 'HIGH' }];
  const orders: DeviceOrdersPort = {
    deviceOf: async (_tenant, assetId) => (assetId === 'orphan' ? null : assetId),
    openOrders: async () => open,
  };
  const sut = new MaintenanceCommandPublisher(
    async (topic, payload, { retain }) => void sent.push([topic, payload, retain]),
    orders,
    () => new Date('2026-05-01T00:00:00Z'),
  );
  beforeEach(() => (sent.length = 0));

  it('retains the open orders of the asset, and clears them with a retained empty payload', async () => {
    await sut.orderChanged({ tenantId: 'acme', assetId: 'e-1' });
    open = [];
    await sut.orderChanged({ tenantId: 'acme', assetId: 'e-1' });
    expect(sent).toEqual([
      [
        'devices/e-1/commands/maintenance',
        JSON.stringify({
          type: 'orders',
          orders: [{ orderId: 'o-1', component: 'hpc', status: 'OPEN', priority: 'HIGH' }],
          updatedAt: '2026-05-01T00:00:00.000Z',
        }),
        true,
      ],
      ['devices/e-1/commands/maintenance', '', true],
    ]);
  });

  it('sends reminders without retain, and nothing for an asset without a device', async () => {
    await sut.reminder({
      tenantId: 'acme',
      assetId: 'e-1',
      planId: 'p-1',
      component: 'filter',
      dueDate: '2026-05-30',
      daysBefore: 7,
    });
    expect(await sut.orderChanged({ tenantId: 'acme', assetId: 'orphan' })).toBeNull();
    expect(sent).toEqual([
      [
        'devices/e-1/commands/maintenance',
        '{"type":"reminder","planId":"p-1","component":"filter","dueDate":"2026-05-30","daysBefore":7}',
        false,
      ],
    ]);
  });
});
