import type { Provider } from '@nestjs/common';
import { MaintenancePlanRepository, PlanScheduleService } from '@hourglass/maintenance-plans';
import type { ApiContext } from '../api-context';
import { AssetQueryService } from '../asset-query.service';
import { ContractHealthCacheService } from '../health/contract-health-cache.service';
import { AssetHealthReportService } from './asset-health-report.service';
import { ReportPdfPrinter } from './report-pdf.printer';

/** The health report's service over the providers the other routes use, and its PDF printer. */
export function healthReportProviders(context: ApiContext): Provider[] {
  return [
    {
      provide: AssetHealthReportService,
      inject: [
        AssetQueryService,
        MaintenancePlanRepository,
        PlanScheduleService,
        ContractHealthCacheService,
      ],
      useFactory: (
        assets: AssetQueryService,
        plans: MaintenancePlanRepository,
        schedules: PlanScheduleService,
        contractHealth: ContractHealthCacheService,
      ) =>
        new AssetHealthReportService({
          assets,
          tasks: context.tasks,
          plans,
          schedules,
          contracts: context.contracts,
          contractHealth,
          telemetry: context.telemetry,
        }),
    },
    { provide: ReportPdfPrinter, useValue: new ReportPdfPrinter() },
  ];
}
