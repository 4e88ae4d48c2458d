import type { Provider } from '@nestjs/common';
import {
  BillingCorrectionService,
  BillingRunService,
  BillingStores,
  ContractHealthService,
  ContractService,
} from '@hourglass/billing-records';
import { AssetRepository } from '@hourglass/devices-registry';
import {
  FailureCodeRepository,
  MaintenanceChangeQuery,
  WarningPolicyRepository,
  WorkOrderService,
} from '@hourglass/maintenance-tasks';
import {
  WebhookDeliveryRepository,
  WebhookService,
  WebhookSubscriptionRepository,
} from '@hourglass/notifications-webhooks';
import {
  ModelDeploymentRepository,
  ModelRegistryService,
  RiskScoreRepository,
} from '@hourglass/risk-scoring';
import { ApiContext } from './api-context';
import { AssetQueryService } from './asset-query.service';
import { AuthFailureThrottle } from './auth/auth-failure.throttle';
import { UserRepository } from './auth/user.repository';
import { UserService } from './auth/user.service';
import { PasswordHasher } from './auth/password-hasher';
import { PasswordService } from './auth/password.service';
import { serviceLoopProviders } from './service-loop.providers';
import { LiveEventHub } from './live/live-event.hub';
import { liveEventHub } from './live/live-sources';
import { kpiProviders } from './kpi.providers';
import { serviceNetworkProviders, serviceNetworkService } from './service-network.providers';
import { successProviders } from './success.providers';
import { WindowApprovalService } from './calendar/window-approval.service';
import { ContractHealthCacheService } from './health/contract-health-cache.service';
import { TelemetryReadService } from './telemetry/telemetry-read.service';
import { TelemetryIntakeService } from './device-telemetry/telemetry-intake.service';
import { AssetScoreHistoryService } from './score-history/asset-score-history.service';
import { healthReportProviders } from './health-report/health-report.providers';
import { caseLibraryEvents, caseLibraryProviders, caseLibraryService } from './cases.providers';

/**
 * The Nest providers of the API: the context and every service a controller routes to, each built
 * once here (controllers and the guard receive them by injection and construct nothing).
 */
export function apiProviders(context: ApiContext): Provider[] {
  const { db, billing, models } = context;
  const assets = new AssetRepository(db);
  const scores = new RiskScoreRepository(db, assets);
  const users = new UserRepository(db);
  const hasher = new PasswordHasher();
  const network = serviceNetworkService(context);
  const cases = caseLibraryService(context);
  const value = <T>(provide: abstract new (...args: never[]) => T, useValue: T): Provider => ({
    provide,
    useValue,
  });
  return [
    value(ApiContext, context),
    value(BillingStores, billing.stores),
    value(ContractService, billing.contracts),
    value(BillingRunService, billing.runs),
    value(ContractHealthService, billing.health),
    value(BillingCorrectionService, billing.corrections),
    value(AuthFailureThrottle, new AuthFailureThrottle(context.authThrottle)),
    value(
      UserService,
      new UserService({ users, adminToken: context.adminToken, hasher, partners: network }),
    ),
    value(PasswordService, new PasswordService({ users, hasher, throttle: context.signIn })),
    value(AssetQueryService, new AssetQueryService(assets, scores)),
    value(
      AssetScoreHistoryService,
      new AssetScoreHistoryService(new AssetQueryService(assets, scores), scores),
    ),
    value(RiskScoreRepository, scores),
    value(
      ContractHealthCacheService,
      new ContractHealthCacheService({
        contracts: billing.contracts,
        service: billing.health,
        changes: {
          billing: billing.stores.changes,
          assets,
          scores,
          maintenance: new MaintenanceChangeQuery(db),
        },
      }),
    ),
    value(WindowApprovalService, new WindowApprovalService(billing.contracts)),
    value(TelemetryReadService, new TelemetryReadService(context.telemetry, context.telemetryRead)),
    value(TelemetryIntakeService, new TelemetryIntakeService(context.telemetryIntake)),
    value(WarningPolicyRepository, new WarningPolicyRepository(db)),
    value(
      WorkOrderService,
      new WorkOrderService({ db, events: caseLibraryEvents(cases, context.workOrderEvents) }),
    ),
    value(FailureCodeRepository, new FailureCodeRepository(db)),
    value(
      WebhookService,
      new WebhookService(new WebhookSubscriptionRepository(db), new WebhookDeliveryRepository(db)),
    ),
    value(
      ModelRegistryService,
      new ModelRegistryService(models.dir, new ModelDeploymentRepository(db), {
        serving: models.active,
        pinned: models.pinned,
      }),
    ),
    value(LiveEventHub, liveEventHub(context, assets)),
    ...serviceLoopProviders(context),
    ...kpiProviders(context, scores),
    ...serviceNetworkProviders(network),
    ...successProviders(context),
    ...healthReportProviders(context),
    ...caseLibraryProviders(cases),
  ];
}
