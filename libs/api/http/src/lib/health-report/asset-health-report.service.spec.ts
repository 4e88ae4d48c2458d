import type { Task } from '@hourglass/maintenance-tasks';
import type { MaintenancePlan } from '@hourglass/maintenance-plans';
import { tenantScope } from '@hourglass/platform-tenancy';
import type { TelemetryRow, TelemetryStore } from '@hourglass/telemetry-store';
import type { AssetView } from '../asset-query.service';
import {
  AssetHealthReportService,
  MAX_REPORT_METRICS,
  type HealthReportSources,
} from './asset-health-report.service';

const NOW = Date.UTC(2026, 11, 1);
const ASSET: AssetView = {
  id: 'a-1',
  tenantId: 'acme',
  deviceId: 'd-1',
  type: 'turbofan',
  state: 'RUN',
  lastSeen: null,
  installedAt: null,
  connection: null,
  connectionSince: null,
  risk: null,
};

const task = (over: Partial<Task>): Task =>
  ({
    id: 't',
    tenantId: 'acme',
    assetId: 'a-1',
    component: 'fan',
    status: 'OPEN',
    priority: 'LOW',
    replaceBy: '2026-12-20T00:00:00.000Z',
    plannedFor: null,
    completedAt: null,
    cost: '0.00',
    failureReport: null,
    ...over,
  }) as Task;

const done = (id: string, completedAt: string): Task =>
  task({
    id,
    status: 'DONE',
    completedAt,
    cost: '900.00',
    failureReport: {
      outcome: 'DEFECT_CONFIRMED_REPLACED',
      failureCode: `FC-${id}`,
      parts: [{ partNumber: 'PN-1', quantity: 1, unitCost: '300.00' }],
      labourHours: 2,
    },
  });

const plan = (id: string, target: MaintenancePlan['target']) =>
  ({ id, name: `plan ${id}`, component: 'oil', target }) as MaintenancePlan;

function sources(rows: TelemetryRow[] = []): HealthReportSources {
  const dueDates: Record<string, string> = { byType: '2027-01-10', byAsset: '2026-12-24' };
  return {
    assets: { list: async (_scope, id) => (id === ASSET.id ? [ASSET] : []) },
    tasks: {
      list: async () => [
        done('old', '2026-10-01T00:00:00.000Z'),
        done('new', '2026-11-20T00:00:00.000Z'),
        task({ id: 'open-1', status: 'SCHEDULED' }),
        task({ id: 'gone', status: 'CANCELLED' }),
      ],
    },
    plans: {
      list: async () => [
        plan('byType', { assetType: 'turbofan' }),
        plan('byAsset', { assetId: 'a-1' }),
        plan('otherType', { assetType: 'pump' }),
        plan('otherAsset', { assetId: 'a-2' }),
      ],
    },
    schedules: {
      schedule: async (_scope, planId) =>
        ({
          planId,
          timeZone: 'UTC',
          assets: [{ assetId: 'a-1', dueDate: dueDates[planId] ?? '2026-12-02', dueBasis: 'DAYS' }],
        }) as never,
    },
    contracts: { list: async () => [] },
    contractHealth: { health: async () => Promise.reject(new Error('no contract expected')) },
    telemetry: { query: async () => rows } as unknown as TelemetryStore,
  };
}

const request = (withCosts: boolean) => ({
  scope: tenantScope('acme'),
  assetId: 'a-1',
  days: 30,
  withCosts,
  nowMs: NOW,
});

describe(AssetHealthReportService.name, () => {
  it('takes the newest completed order, the open ones, and the earliest due date of plans covering the asset', async () => {
    const sut = new AssetHealthReportService(sources());
    const report = await sut.report(request(true));
    expect(report?.lastOrder).toMatchObject({ id: 'new', failureCode: 'FC-new', cost: '900.00' });
    expect(report?.lastOrder?.parts).toEqual([
      { partNumber: 'PN-1', quantity: 1, unitCost: '300.00' },
    ]);
    expect(report?.openOrders.map((o) => o.id)).toEqual(['open-1']);
    // otherType and otherAsset would be due earlier (2026-12-02) but do not cover a-1.
    expect(report?.nextPlanDue).toEqual({
      plan: 'plan byAsset',
      component: 'oil',
      dueDate: '2026-12-24',
      basis: 'DAYS',
    });
    expect(report?.contract).toBeNull();
  });

  it('leaves the cost side out without costs', async () => {
    const sut = new AssetHealthReportService(sources());
    const order = (await sut.report(request(false)))?.lastOrder;
    expect(order).not.toHaveProperty('cost');
    expect(order?.parts).toEqual([{ partNumber: 'PN-1', quantity: 1 }]);
  });

  it('charts at most the first metrics by name, each with its own points', async () => {
    const names = Array.from({ length: MAX_REPORT_METRICS + 2 }, (_, i) => `m${i}`).reverse();
    const rows = [0, 1].map((k) => ({
      ts: NOW - (2 - k) * 3_600_000,
      metrics: Object.fromEntries(names.map((n, i) => [n, i + k])),
    }));
    const report = await new AssetHealthReportService(sources(rows)).report(request(true));
    expect(report?.metrics.map((m) => m.name)).toEqual(
      [...names].sort().slice(0, MAX_REPORT_METRICS),
    );
    expect(report?.metrics[0].points).toEqual([
      [rows[0].ts, rows[0].metrics.m0],
      [rows[1].ts, rows[1].metrics.m0],
    ]);
  });

  it('is null for an asset outside the scope', async () => {
    const sut = new AssetHealthReportService(sources());
    expect(await sut.report({ ...request(true), assetId: 'a-2' })).toBeNull();
  });
});
