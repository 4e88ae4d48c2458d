import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { PortfolioPass, type Portfolio, type PortfolioLoader } from './portfolio.reader';

const portfolio = (asOf: string): Portfolio => ({
  asOf,
  assets: [],
  tenantOf: new Map(),
  orders: [],
  contracts: [],
  answers: [],
  repairs: [],
});

/** A loader counting its loads; `fail` makes the next one reject. */
function countingLoader() {
  const calls: string[] = [];
  let fail = false;
  const loader: PortfolioLoader = {
    load: async (scope, nowMs) => {
      calls.push(`${scope.kind} ${nowMs}`);
      if (fail) {
        fail = false;
        throw new Error('unavailable');
      }
      return portfolio(new Date(nowMs).toISOString());
    },
  };
  return { loader, calls, failNext: () => (fail = true) };
}

describe(PortfolioPass.name, () => {
  it('loads once for one scope and instant, however many services ask', async () => {
    const { loader, calls } = countingLoader();
    const sut = new PortfolioPass(loader);
    const [a, b] = await Promise.all([
      sut.load(PROVIDER_SCOPE, 1000),
      sut.load(PROVIDER_SCOPE, 1000),
    ]);
    const c = await sut.load(PROVIDER_SCOPE, 1000);
    expect(calls).toEqual(['provider 1000']);
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('loads afresh for another instant or scope', async () => {
    const { loader, calls } = countingLoader();
    const sut = new PortfolioPass(loader);
    await sut.load(PROVIDER_SCOPE, 1000);
    await sut.load(PROVIDER_SCOPE, 2000);
    await sut.load(tenantScope('t1'), 2000);
    await sut.load(PROVIDER_SCOPE, 2000);
    expect(calls).toEqual(['provider 1000', 'provider 2000', 'tenant 2000', 'provider 2000']);
  });

  it('does not keep a failed load', async () => {
    const { loader, calls, failNext } = countingLoader();
    const sut = new PortfolioPass(loader);
    failNext();
    await expect(sut.load(PROVIDER_SCOPE, 1000)).rejects.toThrow('unavailable');
    await expect(sut.load(PROVIDER_SCOPE, 1000)).resolves.toEqual(
      portfolio('1970-01-01T00:00:01.000Z'),
    );
    expect(calls).toEqual(['provider 1000', 'provider 1000']);
  });
});
