import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { MatrixThresholdRepository } from './matrix-threshold.repository';
import { matrixScenarios, matrixSummary, scenarioMatrixPorts } from './matrix-scenario.fixture';
import { ValueMatrixService } from './value-matrix.service';

// The thresholds live in the table on each engine; health and economics come from the scenario's ports.
for (const scenario of matrixScenarios()) {
  forEachSqlBackend(`${ValueMatrixService.name} scenario ${scenario.name}`, (db) => {
    let thresholds: MatrixThresholdRepository;
    let sut: ValueMatrixService;

    beforeAll(() => {
      thresholds = new MatrixThresholdRepository(db());
      sut = new ValueMatrixService({ ...scenarioMatrixPorts(scenario), thresholds });
    });

    it('places with the default thresholds until they are changed', async () => {
      const m = await sut.matrix(PROVIDER_SCOPE);
      expect(m.thresholds).toEqual({ customerValue: 60, marginPct: 20 });
      expect(matrixSummary(m)).toEqual(scenario.expected);
    });

    it('shows a customer only its own contracts and place', async () => {
      const own = scenario.expected.customers[1];
      const m = await sut.matrix(tenantScope(own.tenantId as string));
      expect(matrixSummary(m).customers).toEqual([own]);
      const ownContracts = scenario.contracts.filter((c) => c.tenantId === own.tenantId);
      expect(m.items.map((i) => i.contractId)).toEqual(
        scenario.expected.items
          .map((i) => i.contractId)
          .filter((id) => ownContracts.some((c) => c.contractId === id)),
      );
    });

    it('stores changed thresholds as data and places by them', async () => {
      expect(await thresholds.put(scenario.changedThresholds, 'pat@provider')).toEqual(
        scenario.changedThresholds,
      );
      const m = await sut.matrix(PROVIDER_SCOPE);
      expect(m.thresholds).toEqual(scenario.changedThresholds);
      expect({
        items: Object.fromEntries(m.items.map((i) => [i.contractId, i.quadrant])),
        customers: Object.fromEntries(m.customers.map((c) => [c.tenantId, c.quadrant])),
      }).toEqual(scenario.expectedWithChangedThresholds);
      expect(await thresholds.get()).toMatchObject({ updatedBy: 'pat@provider' });
      await expect(
        thresholds.put({ customerValue: 101, marginPct: 20 }, 'pat'),
      ).rejects.toMatchObject({ code: 'SUCCESS_INVALID' });
      expect((await thresholds.get()).thresholds).toEqual(scenario.changedThresholds);
    });
  });
}
