export type { ErrorResponse, ListResponse } from './lib/api-envelope';
export type {
  AssetResponse,
  AssetRisk,
  AssetScoreHistoryResponse,
  AssetTelemetryResponse,
  ScoreHistoryResolutionParam,
  TelemetryResolutionParam,
} from './lib/asset.types';
export type {
  BillingAdjustmentResponse,
  BillingRecordResponse,
  BillingReviewResponse,
  BillingRunStatus,
} from './lib/billing.types';
export type {
  ContractDetailResponse,
  ContractHealthResponse,
  ContractResponse,
  ContractStatus,
  ContractTermsResponse,
  ContractVersionResponse,
  CoverageIntervalResponse,
} from './lib/contract.types';
export type { DeadLetterResponse } from './lib/dead-letter.types';
export type {
  DeviceCredentialsResponse,
  DeviceResponse,
  ProvisionDeviceRequest,
  ProvisionedDeviceResponse,
  RotatedCredentialsResponse,
} from './lib/device.types';
export type {
  DeployedModelResponse,
  ModelDeploymentAuditResponse,
  ModelListResponse,
  ModelListingResponse,
  ModelRefResponse,
} from './lib/model.types';
export { TASK_PRIORITIES, TASK_STATUSES } from './lib/task.types';
export type {
  FailureCodeLevel,
  FailureCodeResponse,
  FailureOutcome,
  FailureReport,
  PartUsed,
  TaskHistoryEntryResponse,
  TaskHistoryKind,
  TaskListQuery,
  TaskPatchRequest,
  TaskPriority,
  TaskResponse,
  TaskSource,
  TaskStatus,
} from './lib/task.types';
export { USER_ROLES } from './lib/user.types';
export type {
  ChangePasswordRequest,
  CreateUserRequest,
  SessionResponse,
  SetPasswordRequest,
  SignInRequest,
  UserResponse,
  UserRole,
  UserWithTokenResponse,
} from './lib/user.types';
export type {
  MaintenancePlanRequest,
  MaintenancePlanResponse,
  MaintenancePlanScheduleResponse,
  RuleBacktestResponse,
  RuleConditionBody,
  RuleRequest,
  RuleResponse,
  ServiceOrderPriority,
} from './lib/service-plan.types';
export type {
  FailingComponentResponse,
  KpiResponse,
  LifecycleCostResponse,
  PartForecastResponse,
  PartsForecastResponse,
} from './lib/kpi.types';
export type { WebhookListResponse, WebhookResponse } from './lib/webhook.types';
export type { AssetStateEvent, LiveEvent, OrderRaisedEvent } from './lib/live-event.types';
export type {
  ChurnRisk,
  ChurnSignalKind,
  ChurnWarningResponse,
  CustomerHealthResponse,
  HealthBand,
  HealthComponentName,
  HealthComponentResponse,
  HealthScoreResponse,
  NpsAnswerRequest,
  NpsFigureResponse,
  NpsReportResponse,
  RfmEntryResponse,
  ScoreBoundResponse,
  SegmentRuleResponse,
  SegmentsResponse,
} from './lib/success.types';
export type {
  MatrixContractResponse,
  MatrixPlacementResponse,
  MatrixQuadrant,
  MatrixThresholdsRequest,
  MatrixThresholdsResponse,
  ValueMatrixResponse,
} from './lib/value-matrix.types';
export type {
  PartnerResponse,
  ServiceFiguresResponse,
  ServiceGroupFiguresResponse,
  TechnicianResponse,
} from './lib/service-network.types';
export type {
  LifecycleStageName,
  LifecycleStagesResponse,
  StageMovementResponse,
  TouchOutcomeName,
  TouchOutcomeRequest,
  TouchResponse,
  TouchRuleName,
} from './lib/lifecycle.types';
export type {
  CaseHitRateResponse,
  CaseResponse,
  CaseSuggestionResponse,
  DiagnosisMetricResponse,
  DiagnosisResponse,
  MetricMoveResponse,
  RankedCodeResponse,
} from './lib/case.types';
export type { MeResponse } from './lib/user.types';
export {
  API_ROUTES,
  type ApiBodyOf,
  type ApiResponseOf,
  type ApiRouteKey,
  type ApiRouteSpec,
} from './lib/api-routes';
export { apiMethod, apiPath, type ApiPathParams } from './lib/api-path';
export { errorResponseSchema, listOf, pageOf } from './lib/schemas/envelope.schemas';
export * from './lib/schemas/asset.schemas';
export * from './lib/schemas/device.schemas';
export * from './lib/schemas/health.schemas';
export * from './lib/schemas/kpi.schemas';
export * from './lib/schemas/model.schemas';
export * from './lib/schemas/task.schemas';
export * from './lib/schemas/user.schemas';
export * from './lib/schemas/service-loop.schemas';
export * from './lib/schemas/service-network.schemas';
export * from './lib/schemas/success.schemas';
export * from './lib/schemas/contract.schemas';
export * from './lib/schemas/operations.schemas';
export * from './lib/schemas/warning-policy.schemas';
export * from './lib/schemas/case.schemas';
