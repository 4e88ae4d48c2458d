import type {
  ContractHealth,
  ContractHealthService,
  ContractService,
} from '@hourglass/billing-records';
import { PROVIDER_SCOPE } from '@hourglass/platform-tenancy';
import { ContractHealthCacheService } from './contract-health-cache.service';

describe(ContractHealthCacheService.name, () => {
  const marks = {
    billing: 'b1',
    assetIds: ['a-1'],
    scored: '2025-01-01' as string | null,
    maintenance: 'm1',
  };
  const asked = { scoresOf: [] as string[][], tasksOf: [] as string[][] };
  let computed = 0;
  const contracts = {
    contract: async () => ({ id: 'c-1', tenantId: 'acme', endsAt: null }),
  } as unknown as ContractService;
  const service = {
    health: async () => ({ computed: ++computed }) as unknown as ContractHealth,
  } as unknown as ContractHealthService;
  const sut = new ContractHealthCacheService({
    contracts,
    service,
    changes: {
      billing: { lastChange: async () => marks.billing },
      assets: { idsOfTenant: async () => [...marks.assetIds] },
      scores: { lastScoredAt: async (ids) => (asked.scoresOf.push([...ids]), marks.scored) },
      maintenance: { lastChange: async (ids) => (asked.tasksOf.push([...ids]), marks.maintenance) },
    },
  });
  const health = () => sut.health(PROVIDER_SCOPE, 'c-1', 1_000);

  it("serves the last answer while no owner's marker changed, and recomputes when any does", async () => {
    await health();
    await health();
    expect(computed).toBe(1);
    const changes: Array<() => void> = [
      () => (marks.billing = 'b2'),
      () => (marks.assetIds = ['a-1', 'a-2']),
      () => (marks.scored = null),
      () => (marks.maintenance = 'm2'),
    ];
    for (const [i, change] of changes.entries()) {
      change();
      await health();
      expect(computed).toBe(i + 2);
    }
  });

  it("asks risk scoring and maintenance about the tenant's assets", () => {
    expect(asked.scoresOf.at(-1)).toEqual(['a-1', 'a-2']);
    expect(asked.tasksOf.at(-1)).toEqual(['a-1', 'a-2']);
  });
});
