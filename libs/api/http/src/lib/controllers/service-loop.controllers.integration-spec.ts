import {
  MaintenancePlanRepository,
  PlanCycleRepository,
  PlanSchedulingJob,
} from '@hourglass/maintenance-plans';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { DeviceFleetAssets } from '../service-loop.providers';
import { RulesController } from './rules.controller';
import {
  ADMIN_TOKEN,
  call,
  createProviderAndCustomer,
  seedTwoTenants,
  startFixtureApi,
  type Json,
} from './users-api.fixture';

const CONDITION = {
  kind: 'THRESHOLD',
  metric: 'temp_c',
  operator: 'ABOVE',
  limit: 90,
  forSeconds: 120,
  clearMargin: 5,
  clearForSeconds: 0,
};
const START = Date.parse('2026-05-01T00:00:00Z');

// Rules and maintenance plans through real HTTP: provider-only writes, tenant scope, backtest, schedule; on both SQL engines.
forEachSqlBackend(
  `${RulesController.name} and MaintenancePlansController`,
  (db: () => SqlDatabase) => {
    let api: { port: number; close: () => Promise<void> };
    const as = (token: string | null) => (method: string, path: string, body?: unknown) =>
      call(api.port, token, method, path, body);
    const admin = as(ADMIN_TOKEN);
    let provider: ReturnType<typeof as>;
    let customer: ReturnType<typeof as>;

    beforeAll(async () => {
      await seedTwoTenants(db());
      api = await startFixtureApi(db());
      const tokens = await createProviderAndCustomer(admin);
      provider = as(tokens.provider);
      customer = as(tokens.customer);
      // acme-1: 3 minutes above 90 (fires at the 3rd), back to 80, then 2 minutes above (too short).
      const values = [80, 95, 95, 95, 80, 95, 95, 80];
      const store = await EmbeddedTelemetryStore.open(db());
      await store.write(
        values.map((v, i) => ({
          deviceId: 'acme-1',
          ts: START + i * 60_000,
          metrics: { temp_c: v },
        })),
      );
    }, 60_000);

    afterAll(async () => {
      await api?.close();
    });

    it('lets provider users create, read, replace and delete rules, and refuses customers even reads', async () => {
      const created = await provider('POST', '/api/rules', {
        name: 'hot bearing',
        assetType: 'turbofan',
        condition: CONDITION,
        component: 'bearing',
      });
      expect(created).toMatchObject({
        status: 201,
        body: {
          tenantId: null,
          priority: 'MEDIUM',
          enabled: true,
          createdBy: 'pat@provider',
          condition: CONDITION,
        },
      });
      const id = created.body.id;
      expect(
        (await admin('GET', '/api/rules?assetType=turbofan')).body.items.map((r: Json) => r.id),
      ).toEqual([id]);
      for (const [method, path] of [
        ['GET', '/api/rules'],
        ['GET', `/api/rules/${id}`],
        ['POST', '/api/rules'],
        ['DELETE', `/api/rules/${id}`],
      ]) {
        expect((await customer(method, path, method === 'POST' ? {} : undefined)).status).toBe(403);
      }
      const replaced = await provider('PUT', `/api/rules/${id}`, {
        name: 'hotter',
        assetType: 'turbofan',
        condition: { ...CONDITION, limit: 99 },
        component: 'bearing',
        enabled: false,
      });
      expect(replaced).toMatchObject({
        status: 200,
        body: { id, name: 'hotter', enabled: false, condition: { limit: 99 } },
      });
      expect(
        (
          await provider('POST', '/api/rules', {
            name: 'x',
            assetType: 'turbofan',
            condition: { ...CONDITION, operator: 'OVER' },
            component: 'b',
          })
        ).status,
      ).toBe(400);
      expect((await provider('DELETE', `/api/rules/${id}`)).status).toBe(204);
      expect((await provider('GET', `/api/rules/${id}`)).status).toBe(404);
    });

    it('backtests a condition on the stored history without saving it', async () => {
      const range = {
        from: new Date(START).toISOString(),
        to: new Date(START + 3_600_000).toISOString(),
      };
      const r = await provider('POST', '/api/rules/backtest', {
        assetType: 'turbofan',
        condition: CONDITION,
        ...range,
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ total: 1, truncated: false });
      expect(r.body.assets).toEqual([
        {
          assetId: 'acme-1',
          firings: 1,
          firedAt: [new Date(START + 3 * 60_000).toISOString()],
          samples: 8,
        },
        { assetId: 'globex-1', firings: 0, firedAt: [], samples: 0 },
      ]);
      expect(
        (
          await provider('POST', '/api/rules/backtest', {
            assetType: 'turbofan',
            condition: CONDITION,
            from: range.to,
            to: range.from,
          })
        ).status,
      ).toBe(400);
      expect((await admin('GET', '/api/rules')).body.items).toEqual([]);
    });

    it('keeps plans in their tenant: provider users write, customers read their own', async () => {
      const body = {
        tenantId: 'acme',
        name: 'filter',
        assetId: 'acme-1',
        component: 'filter',
        intervalDays: 40,
        leadDays: 3,
        timeZone: 'Europe/Berlin',
        startsAt: '2026-02-24T12:00:00Z',
      };
      const acme = await provider('POST', '/api/maintenance-plans', body);
      expect(acme).toMatchObject({
        status: 201,
        body: {
          target: { assetId: 'acme-1' },
          reminderDays: [30, 15, 7, 0],
          intervalHours: null,
          createdBy: 'pat@provider',
        },
      });
      const globex = await admin('POST', '/api/maintenance-plans', {
        tenantId: 'globex',
        name: 'oil',
        assetType: 'turbofan',
        component: 'oil',
        intervalHours: 500,
      });
      expect(globex.status).toBe(201);
      expect(
        (await customer('GET', '/api/maintenance-plans')).body.items.map((p: Json) => p.id),
      ).toEqual([acme.body.id]);
      expect((await customer('GET', `/api/maintenance-plans/${globex.body.id}`)).status).toBe(404);
      expect((await customer('POST', '/api/maintenance-plans', body)).status).toBe(403);
      expect(
        (await customer('PATCH', `/api/maintenance-plans/${acme.body.id}`, { leadDays: 1 })).status,
      ).toBe(403);
      expect(
        (await provider('POST', '/api/maintenance-plans', { ...body, assetId: 'globex-1' })).status,
      ).toBe(404);
      expect(
        (await provider('POST', '/api/maintenance-plans', { ...body, timeZone: '+01:00' })).status,
      ).toBe(400);
      expect(
        (await provider('POST', '/api/maintenance-plans', { ...body, intervalDays: undefined }))
          .status,
      ).toBe(400);
      expect(
        (
          await provider('POST', '/api/maintenance-plans', {
            ...body,
            assetId: undefined,
            tenantId: 'nobody',
            assetType: 'turbofan',
          })
        ).status,
      ).toBe(400);
      const patched = await provider('PATCH', `/api/maintenance-plans/${globex.body.id}`, {
        intervalDays: 90,
        reminderDays: [0, 7],
      });
      expect(patched).toMatchObject({
        status: 200,
        body: { intervalDays: 90, intervalHours: 500, reminderDays: [7, 0] },
      });
      expect((await provider('DELETE', `/api/maintenance-plans/${globex.body.id}`)).status).toBe(
        204,
      );
      expect((await admin('GET', `/api/maintenance-plans/${globex.body.id}`)).status).toBe(404);
    });

    it("shows a plan's schedule after a round: due date, order, reminders sent once across restarts", async () => {
      const [plan] = (await customer('GET', '/api/maintenance-plans')).body.items;
      let now = new Date('2026-03-28T23:30:00Z');
      const emitted: string[] = [];
      const job = () =>
        new PlanSchedulingJob({
          plans: new MaintenancePlanRepository(db()),
          cycles: new PlanCycleRepository(db()),
          assets: new DeviceFleetAssets(db()),
          usage: { operatingHours: async () => 0 },
          completions: { orderState: async () => ({ state: 'OPEN' }) },
          orders: { raise: async () => ({ orderId: 'order-1', created: true }) },
          events: {
            emit: async (e) =>
              void emitted.push(
                e.type === 'plan.reminder' ? `reminder ${e.daysBefore}` : `order ${e.orderId}`,
              ),
          },
          clock: () => now,
        });
      await job().run();
      await job().run();
      now = new Date('2026-04-02T08:00:00Z');
      await job().run();
      expect(emitted).toEqual(['reminder 7', 'order order-1']);
      const schedule = await customer('GET', `/api/maintenance-plans/${plan.id}/schedule`);
      expect(schedule.status).toBe(200);
      expect(schedule.body.assets).toEqual([
        expect.objectContaining({
          assetId: 'acme-1',
          cycle: 1,
          dueDate: '2026-04-05',
          dueBasis: 'DAYS',
          orderDate: '2026-04-02',
          orderId: 'order-1',
        }),
      ]);
      expect(
        schedule.body.assets[0].reminders.map((r: Json) => [r.daysBefore, r.date, r.status]),
      ).toEqual([
        // The first round came after their days: only the nearest one was sent, these two skipped.
        [30, '2026-03-06', 'SKIPPED'],
        [15, '2026-03-21', 'SKIPPED'],
        [7, '2026-03-29', 'SENT'],
        [0, '2026-04-05', 'PENDING'],
      ]);
    });
  },
);
