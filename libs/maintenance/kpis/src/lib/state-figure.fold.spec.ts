import { computeKpisFromFigures, computeKpisFromStateFigures } from './kpi-report';
import { DAY_MS, type KpiPeriod, type KpiState, type StateSpan } from './kpi.types';
import type { OrderFigures } from './order-figures';
import { seededRandom } from './seeded-random.fixture';
import { StateFigureFold } from './state-figure.fold';
import { stateFigures } from './state-kpis';

const PERIOD: KpiPeriod = {
  from: Date.parse('2026-01-01T00:00:00Z'),
  to: Date.parse('2026-04-01T00:00:00Z'),
};
const STATES: KpiState[] = ['RUN', 'RUN', 'STANDBY', 'FAULT', 'FAULT', 'UNKNOWN'];
const ORDERS: OrderFigures = {
  mttrHours: 3,
  firstTimeFixRate: 0.5,
  predictiveHitRate: null,
  pmCompliance: 1,
  failingComponents: [],
  serviceCostByType: new Map([
    ['turbofan', 1200],
    ['pump', 300],
  ]),
};

/**
 * A fleet of contiguous timelines as billing's base timeline gives them: some starting before or
 * ending after the period, gaps as short as a minute (outages under 10 min apart merge), fractional
 * milliseconds (events are stored in microseconds), and assets without a type.
 */
function randomFleet(
  seed: number,
  assets: number,
): { spans: StateSpan[]; types: Map<string, string> } {
  const random = seededRandom(seed);
  const spans: StateSpan[] = [];
  const types = new Map<string, string>();
  for (let a = 0; a < assets; a++) {
    const assetId = `asset-${String(a).padStart(3, '0')}`;
    if (random() < 0.9) types.set(assetId, random() < 0.6 ? 'turbofan' : 'pump');
    let t = PERIOD.from - random() * 5 * DAY_MS;
    const end = PERIOD.to + (random() - 0.5) * 10 * DAY_MS;
    while (t < end) {
      const length =
        random() < 0.3 ? 60_000 * (1 + Math.floor(random() * 15)) : random() * 3 * DAY_MS;
      const state = STATES[Math.floor(random() * STATES.length)];
      spans.push({ assetId, state, start: t, end: Math.min(t + length + random() * 0.999, end) });
      t = spans[spans.length - 1].end;
    }
  }
  return { spans, types };
}

function folded(spans: readonly StateSpan[], types: ReadonlyMap<string, string>) {
  const sut = new StateFigureFold(PERIOD);
  for (let i = 0; i < spans.length; i++) {
    if (i === 0 || spans[i - 1].assetId !== spans[i].assetId) {
      if (i > 0) sut.endAsset();
      sut.startAsset(types.get(spans[i].assetId));
    }
    sut.span(spans[i].state, spans[i].start, spans[i].end);
  }
  if (spans.length > 0) sut.endAsset();
  return sut.result();
}

describe(StateFigureFold.name, () => {
  it.each([1, 2, 3, 4, 5])(
    'gives stateFigures and the report of the materialised spans on random fleet %d',
    (seed) => {
      const { spans, types } = randomFleet(seed, 60);
      const sut = folded(spans, types);
      expect(sut.state.failures).toBeGreaterThan(0);
      expect(sut.state).toEqual(stateFigures(spans, PERIOD));
      expect(computeKpisFromStateFigures({ ...sut, orders: ORDERS })).toEqual(
        computeKpisFromFigures({ period: PERIOD, spans, assetTypes: types, orders: ORDERS }),
      );
    },
  );

  it('counts nothing for an empty fleet', () => {
    expect(folded([], new Map()).state).toEqual(stateFigures([], PERIOD));
  });
});
