import { LiveChangeDetector, type LiveAsset, type LiveOrder } from './live-change.detector';

const asset = (
  id: string,
  state: string | null,
  lastSeen = '2026-01-01T00:00:00.000Z',
): LiveAsset => ({
  id,
  tenantId: id.split('-')[0],
  state,
  lastSeen,
});
const order = (id: string): LiveOrder => ({
  id,
  tenantId: 'acme',
  assetId: 'acme-1',
  component: 'hpc',
  priority: 'HIGH',
  status: 'OPEN',
  source: 'MODEL',
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe(LiveChangeDetector.name, () => {
  it('reports nothing on the first poll, then the assets whose state changed or that are new', () => {
    const sut = new LiveChangeDetector();
    expect(sut.assetChanges([asset('acme-1', 'RUN'), asset('globex-1', null)])).toEqual([]);
    expect(
      sut.assetChanges([
        asset('acme-1', 'RUN', '2026-01-01T00:00:05.000Z'),
        asset('globex-1', 'FAULT'),
        asset('acme-2', 'RUN'),
      ]),
    ).toEqual([
      {
        type: 'asset.state',
        assetId: 'globex-1',
        tenantId: 'globex',
        state: 'FAULT',
        lastSeen: '2026-01-01T00:00:00.000Z',
      },
      {
        type: 'asset.state',
        assetId: 'acme-2',
        tenantId: 'acme',
        state: 'RUN',
        lastSeen: '2026-01-01T00:00:00.000Z',
      },
    ]);
    expect(
      sut.assetChanges([
        asset('acme-1', 'RUN'),
        asset('globex-1', 'FAULT'),
        asset('acme-2', 'RUN'),
      ]),
    ).toEqual([]);
  });

  it('reports orders not among the previous newest page, oldest first', () => {
    const sut = new LiveChangeDetector();
    expect(sut.newOrders([order('o-2'), order('o-1')])).toEqual([]);
    expect(sut.newOrders([order('o-4'), order('o-3'), order('o-2')]).map((e) => e.id)).toEqual([
      'o-3',
      'o-4',
    ]);
    expect(sut.newOrders([order('o-4'), order('o-3')])).toEqual([]);
  });

  it('takes note again after a reset', () => {
    const sut = new LiveChangeDetector();
    sut.assetChanges([asset('acme-1', 'RUN')]);
    sut.newOrders([order('o-1')]);
    sut.reset();
    expect(sut.assetChanges([asset('acme-1', 'FAULT')])).toEqual([]);
    expect(sut.newOrders([order('o-2')])).toEqual([]);
  });
});
