import { BillingStores } from '@hourglass/billing-records';
import { contractEconomics, customerHealthAdapters } from '@hourglass/api-http';
import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import {
  ChurnWarningService,
  CustomerHealthService,
  MatrixThresholdRepository,
  NpsAnswerRepository,
  ValueMatrixService,
} from '@hourglass/success-customer';
import { openTestDatabase } from '@hourglass/testing-sql';
import { seedSuccessDemo, type SuccessDemoSeedResult } from './success-demo.seed';

/**
 * Issue 15, "the demo": the seeded year places each customer in its own quadrant of the value matrix
 * and gives the declining one a churn warning with its reasons, read through the services and
 * adapters the API wires (`successProviders`), on PGlite.
 */
describe('seedSuccessDemo', () => {
  // The clock of the seeding: billing rates what was received up to it.
  const NOW = Date.now();
  let db: SqlDatabase;
  let seeded: SuccessDemoSeedResult;
  let health: CustomerHealthService;
  let churn: ChurnWarningService;
  let matrix: ValueMatrixService;

  beforeAll(async () => {
    db = await openTestDatabase();
    seeded = await seedSuccessDemo(db, NOW);
    const stores = new BillingStores(db);
    const clock = () => NOW;
    const ports = { ...customerHealthAdapters(db, stores), answers: new NpsAnswerRepository(db) };
    health = new CustomerHealthService({ ...ports, clock });
    churn = new ChurnWarningService({ ...ports, clock });
    matrix = new ValueMatrixService({
      health,
      economics: contractEconomics(db, stores),
      thresholds: new MatrixThresholdRepository(db),
      clock,
    });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
  });

  it('seeds a year of history once', async () => {
    expect(seeded).toMatchObject({ seeded: true, billingRuns: 36 });
    expect(seeded.events).toBeGreaterThan(10_000);
    expect(seeded.visits).toBeGreaterThan(seeded.orders);
    expect(await seedSuccessDemo(db, NOW)).toMatchObject({ seeded: false });
  });

  it('places each customer in a different quadrant', async () => {
    const m = await matrix.matrix(PROVIDER_SCOPE);
    const placed = Object.fromEntries(m.customers.map((c) => [c.tenantId, c]));
    expect(placed['northwind']?.quadrant).toBe('GROWTH_ENGINE');
    expect(placed['southbay']?.quadrant).toBe('PROFIT_EXTRACTOR');
    expect(placed['eastgate']?.quadrant).toBe('COST_RUIN');
    expect(m.unplaced).toEqual([]);
  });

  it('warns of the declining customer with its reasons', async () => {
    const [customer] = (await churn.warnings(PROVIDER_SCOPE, 'southbay')).filter(
      (w) => w.contractId === null,
    );
    expect(customer?.risk).toBe('HIGH');
    const kinds = customer?.signals.map((s) => s.kind);
    expect(kinds).toEqual(
      expect.arrayContaining(['USAGE_DOWN', 'DEVICES_SILENT', 'NPS_DETRACTOR']),
    );
    const silent = customer?.signals.find((s) => s.kind === 'DEVICES_SILENT');
    expect(silent?.evidence).toMatchObject({ silent: 2, of: 4, assetIds: ['sb-3', 'sb-4'] });
    const growing = await churn.warnings(PROVIDER_SCOPE, 'northwind');
    expect(growing.filter((w) => w.risk === 'HIGH')).toEqual([]);
  });
});
