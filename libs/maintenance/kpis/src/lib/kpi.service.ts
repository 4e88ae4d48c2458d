import type { Scope } from '@hourglass/platform-tenancy';
import { computeKpisFromStateFigures, type KpiReport } from './kpi-report';
import { REPEAT_WINDOW_MS } from './order-kpis';
import { forecastParts, type PartForecast } from './parts-forecast';
import type {
  BomSource,
  FailureRiskSource,
  KpiOrderFigureSource,
  PlannedReplacementSource,
  StateFigureSource,
} from './kpi.ports';
import { DAY_MS, type KpiPeriod } from './kpi.types';

/** The KPI report of a scope, asset type and period from the ports' data. */
export class KpiService {
  constructor(
    private readonly sources: { orders: KpiOrderFigureSource; states: StateFigureSource },
  ) {}

  async report(scope: Scope, period: KpiPeriod, assetType?: string): Promise<KpiReport> {
    const [orders, states] = await Promise.all([
      this.sources.orders.figures(scope, period, assetType),
      this.sources.states.figures(scope, period, assetType),
    ]);
    return computeKpisFromStateFigures({ ...states, orders });
  }
}

/** Orders are read up to the period end + 30 days, so repeats after it count against a first fix. */
export const orderLogEnd = (period: KpiPeriod) => period.to + REPEAT_WINDOW_MS;

/** The spare-parts forecast of a scope over the next `horizonDays` from now. */
export class PartsForecastService {
  constructor(
    private readonly sources: {
      risks: FailureRiskSource;
      plans: PlannedReplacementSource;
      bom: BomSource;
    },
    private readonly now: () => number = Date.now,
  ) {}

  async forecast(scope: Scope, horizonDays: number): Promise<PartForecast[]> {
    const from = this.now();
    const [risks, plans] = await Promise.all([
      this.sources.risks.risks(scope),
      this.sources.plans.dueWithin(scope, from, from + horizonDays * DAY_MS),
    ]);
    const wanted = new Map<string, { assetType: string; component: string }>();
    for (const r of [...risks, ...plans])
      wanted.set(`${r.assetType}\u0000${r.component}`, {
        assetType: r.assetType,
        component: r.component,
      });
    const bom = await this.sources.bom.lines([...wanted.values()]);
    return forecastParts({ horizonDays, risks, plans, bom });
  }
}
