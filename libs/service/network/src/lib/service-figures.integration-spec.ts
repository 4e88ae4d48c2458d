import { AssetRepository } from '@hourglass/devices-registry';
import { TaskRepository } from '@hourglass/maintenance-tasks';
import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { AssignmentRepository } from './assignment.repository';
import { loadFigureScenarios } from './figure-scenario.fixture';
import { storeFigureScenario } from './figure-scenario-db.fixture';
import { PartnerRepository } from './partner.repository';
import { RegistryAssetSource, TaskOrderSource } from './registry.adapters';
import { ServiceNetworkService } from './service-network.service';
import { VisitRepository } from './visit.repository';

// Each scenario's hand-computed figures, from rows stored on both engines through the real repositories and adapters.
describe.each(loadFigureScenarios().map((s) => [s.name, s] as const))('%s', (_, scenario) => {
  forEachSqlBackend(`${ServiceNetworkService.name} figures`, (db) => {
    let sut: ServiceNetworkService;

    beforeAll(async () => {
      await storeFigureScenario(db(), scenario.raw);
      sut = new ServiceNetworkService(
        {
          partners: new PartnerRepository(db()),
          assignments: new AssignmentRepository(db()),
          visits: new VisitRepository(db()),
        },
        {
          orders: new TaskOrderSource(new TaskRepository(db())),
          assets: new RegistryAssetSource(new AssetRepository(db())),
        },
      );
    });

    it('computes the hand-computed figures for the provider and for the tenant', async () => {
      for (const scope of [PROVIDER_SCOPE, tenantScope('acme')]) {
        const { period: _period, ...figures } = await sut.figures(scope, scenario.input.period);
        expect(figures).toEqual(scenario.expected);
      }
    });

    it('gives another tenant none of it', async () => {
      const figures = await sut.figures(tenantScope('globex'), scenario.input.period);
      expect(figures.overall.firstTimeFix.attempted).toBe(0);
      expect(figures.byPartner).toEqual({});
    });
  });
});
