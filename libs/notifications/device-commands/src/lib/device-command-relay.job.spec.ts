import type {
  DeviceCommandOutboxRepository,
  OutboxEntry,
} from './device-command-outbox.repository';
import { DeviceCommandRelayJob } from './device-command-relay.job';
import type { MaintenanceCommandPublisher } from './maintenance-command.publisher';

const orders = (id: string, assetId: string): OutboxEntry => ({
  id,
  kind: 'ORDERS',
  order: { tenantId: 't1', assetId },
});

describe(DeviceCommandRelayJob.name, () => {
  let entries: OutboxEntry[];
  let deleted: string[];
  let published: string[];
  let failAsset: string | undefined;
  let sut: DeviceCommandRelayJob;

  beforeEach(() => {
    deleted = [];
    published = [];
    failAsset = undefined;
    const outbox = {
      claim: async () => entries,
      done: async (ids: readonly string[]) => void deleted.push(...ids),
    } as unknown as DeviceCommandOutboxRepository;
    const commands = {
      orderChanged: async ({ assetId }: { assetId: string }) => {
        if (assetId === failAsset) throw new Error('broker away');
        published.push(`orders:${assetId}`);
        return 'topic';
      },
      reminder: async ({ planId }: { planId: string }) => {
        published.push(`reminder:${planId}`);
        return 'topic';
      },
    } as unknown as MaintenanceCommandPublisher;
    sut = new DeviceCommandRelayJob({ outbox, commands });
  });

  it("publishes an asset's open orders once for all its queued changes, and every reminder", async () => {
    entries = [
      orders('1', 'a'),
      orders('2', 'b'),
      orders('3', 'a'),
      {
        id: '4',
        kind: 'REMINDER',
        reminder: {
          tenantId: 't1',
          assetId: 'a',
          planId: 'p1',
          component: 'c',
          dueDate: '2026-12-24',
        },
      },
    ];
    await expect(sut.run()).resolves.toEqual({ claimed: 4, published: 4, failed: 0 });
    expect(published).toEqual(['reminder:p1', 'orders:a', 'orders:b']);
    expect(deleted.sort()).toEqual(['1', '2', '3', '4']);
  });

  it('keeps the entries of a publish that failed for the next claim', async () => {
    entries = [orders('1', 'a'), orders('2', 'b'), orders('3', 'a')];
    failAsset = 'a';
    await expect(sut.run()).resolves.toEqual({ claimed: 3, published: 1, failed: 2 });
    expect(deleted).toEqual(['2']);
  });
});
