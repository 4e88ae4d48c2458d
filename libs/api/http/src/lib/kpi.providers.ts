import type { Provider } from '@nestjs/common';
import { KpiService, PartsForecastService } from '@hourglass/maintenance-kpis';
import {
  MaintenancePlanRepository,
  PlanCycleRepository,
  PlanScheduleService,
} from '@hourglass/maintenance-plans';
import { FailureCodeRepository } from '@hourglass/maintenance-tasks';
import type { RiskScoreRepository } from '@hourglass/risk-scoring';
import type { ApiContext } from './api-context';
import {
  BillingStateSpanSource,
  FailureCodeBomSource,
  PlanReplacementSource,
  ScoreFailureRiskSource,
  TaskKpiOrderFigureSource,
} from './kpi.adapters';

/** Providers of `GET /api/kpis` and `GET /api/parts/forecast`: the KPI lib's services over the owners' APIs. */
export function kpiProviders(context: ApiContext, scores: RiskScoreRepository): Provider[] {
  const { db } = context;
  const plans = new MaintenancePlanRepository(db);
  const forecast = new PartsForecastService({
    risks: new ScoreFailureRiskSource(db, scores),
    plans: new PlanReplacementSource(
      db,
      plans,
      new PlanScheduleService(plans, new PlanCycleRepository(db)),
    ),
    bom: new FailureCodeBomSource(new FailureCodeRepository(db)),
  });
  return [
    {
      provide: KpiService,
      useValue: new KpiService({
        orders: new TaskKpiOrderFigureSource(db),
        states: new BillingStateSpanSource(db),
      }),
    },
    { provide: PartsForecastService, useValue: forecast },
  ];
}
