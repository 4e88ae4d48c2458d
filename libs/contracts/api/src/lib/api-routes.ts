import { z } from 'zod';
import {
  assetResponseSchema,
  assetScoreHistoryResponseSchema,
  assetTelemetryResponseSchema,
} from './schemas/asset.schemas';
import {
  deviceResponseSchema,
  provisionDeviceRequestSchema,
  provisionedDeviceResponseSchema,
  rotatedCredentialsResponseSchema,
} from './schemas/device.schemas';
import {
  billingIntervalsResponseSchema,
  billingRecordDetailResponseSchema,
  billingRunOutcomeResponseSchema,
  billingStatementSchema,
  billingRecordResponseSchema,
  calendarWindowResponseSchema,
  categoryOverrideResponseSchema,
  contractDetailResponseSchema,
  contractHealthResponseSchema,
  contractResponseSchema,
} from './schemas/contract.schemas';
import {
  caseHitRateResponseSchema,
  caseResponseSchema,
  caseSuggestionResponseSchema,
  diagnosisResponseSchema,
} from './schemas/case.schemas';
import { listOf, pageOf } from './schemas/envelope.schemas';
import { healthResponseSchema } from './schemas/health.schemas';
import { kpiResponseSchema, partsForecastResponseSchema } from './schemas/kpi.schemas';
import {
  modelDeploymentAuditResponseSchema,
  modelEvaluationResponseSchema,
  modelListResponseSchema,
} from './schemas/model.schemas';
import {
  failureCodeResponseSchema,
  taskHistoryEntryResponseSchema,
  taskResponseSchema,
} from './schemas/task.schemas';
import {
  maintenancePlanResponseSchema,
  maintenancePlanScheduleResponseSchema,
  ruleBacktestRequestSchema,
  ruleBacktestResponseSchema,
  ruleRequestSchema,
  ruleResponseSchema,
  webhookCreateRequestSchema,
  webhookDeliveryResponseSchema,
  webhookListResponseSchema,
  webhookPatchRequestSchema,
  webhookResponseSchema,
  webhookWithSecretResponseSchema,
} from './schemas/service-loop.schemas';
import {
  billingEventResponseSchema,
  contractAuditEntryResponseSchema,
  correctionResponseSchema,
  deadLetterResponseSchema,
  ingestReceiptResponseSchema,
  liveEventStreamSchema,
  modelDeploymentsResponseSchema,
  mqttHookAnswerSchema,
  recordedCorrectionResponseSchema,
  shadowScoreResponseSchema,
} from './schemas/operations.schemas';
import {
  assignmentResponseSchema,
  orderAccountResponseSchema,
  partnerResponseSchema,
  serviceFiguresResponseSchema,
  technicianResponseSchema,
  visitResponseSchema,
} from './schemas/service-network.schemas';
import {
  churnWarningResponseSchema,
  customerHealthResponseSchema,
  lifecycleReportResponseSchema,
  matrixThresholdsResponseSchema,
  npsAnswerResponseSchema,
  npsReportResponseSchema,
  segmentRulesResponseSchema,
  segmentsResponseSchema,
  touchResponseSchema,
  valueMatrixResponseSchema,
} from './schemas/success.schemas';
import {
  warningPolicyRequestSchema,
  warningPolicyResponseSchema,
} from './schemas/warning-policy.schemas';
import {
  meResponseSchema,
  sessionResponseSchema,
  userResponseSchema,
  userWithTokenResponseSchema,
} from './schemas/user.schemas';

/** What a route answers on success and, where it has one, the body it validates. */
export interface ApiRouteSpec {
  /** The success status. */
  status: 200 | 201 | 202 | 204;
  /** The success body (absent: no content, 204). */
  response?: z.ZodType;
  /** Media type of `response` (default `application/json`). */
  contentType?: string;
  /** The request body, the same schema the API validates it with. */
  body?: z.ZodType;
}

const ok = <S extends z.ZodType>(response: S) => ({ status: 200 as const, response });
const created = <S extends z.ZodType>(response: S) => ({ status: 201 as const, response });
const noContent = { status: 204 as const };

/**
 * Every documented route, keyed `METHOD /path` as OpenAPI writes it (`{id}` for a parameter).
 * The API attaches these schemas to its OpenAPI document (`/api/docs/openapi.json`); clients infer
 * their types from them (`ApiResponseOf`, `ApiBodyOf`). A route added to a controller gets a line
 * here (the check in api-http's `openapi-responses.integration-spec.ts` names the ones missing).
 */
export const API_ROUTES = {
  'GET /health': ok(healthResponseSchema),
  'GET /api/devices': ok(pageOf(deviceResponseSchema)),
  'POST /api/devices': {
    status: 201 as const,
    response: provisionedDeviceResponseSchema,
    body: provisionDeviceRequestSchema,
  },
  'GET /api/devices/{id}': ok(deviceResponseSchema),
  'POST /api/devices/{id}/credentials': ok(rotatedCredentialsResponseSchema),
  'DELETE /api/devices/{id}/credentials': noContent,
  'POST /api/devices/{id}/telemetry': ok(ingestReceiptResponseSchema),
  'GET /api/assets': ok(pageOf(assetResponseSchema)),
  'GET /api/assets/{id}': ok(assetResponseSchema),
  'GET /api/assets/{id}/telemetry': ok(assetTelemetryResponseSchema),
  'GET /api/assets/{id}/scores': ok(assetScoreHistoryResponseSchema),
  'GET /api/tasks': ok(pageOf(taskResponseSchema)),
  'GET /api/tasks/{id}': ok(taskResponseSchema),
  'PATCH /api/tasks/{id}': ok(taskResponseSchema),
  'GET /api/tasks/{id}/history': ok(listOf(taskHistoryEntryResponseSchema)),
  'GET /api/failure-codes/{assetType}': ok(listOf(failureCodeResponseSchema)),
  'PUT /api/failure-codes/{assetType}': ok(listOf(failureCodeResponseSchema)),
  'GET /api/models': ok(modelListResponseSchema),
  'GET /api/models/history': ok(listOf(modelDeploymentAuditResponseSchema)),
  'GET /api/models/{version}/evaluation': ok(modelEvaluationResponseSchema),
  'POST /api/models/{version}/promote': ok(modelDeploymentsResponseSchema),
  'POST /api/models/{version}/shadow': ok(modelDeploymentsResponseSchema),
  'POST /api/models/rollback': ok(modelDeploymentsResponseSchema),
  'DELETE /api/models/shadow': ok(modelDeploymentsResponseSchema),
  'GET /api/models/shadow/scores': ok(listOf(shadowScoreResponseSchema)),
  'GET /api/contracts/{id}/audit': ok(listOf(contractAuditEntryResponseSchema)),
  'GET /api/assets/{id}/billing-events': ok(listOf(billingEventResponseSchema)),
  'GET /api/assets/{id}/corrections': ok(listOf(correctionResponseSchema)),
  'POST /api/assets/{id}/corrections': created(recordedCorrectionResponseSchema),
  'GET /api/dead-letters': ok(pageOf(deadLetterResponseSchema)),
  'POST /api/mqtt/authenticate': ok(mqttHookAnswerSchema),
  'POST /api/mqtt/authorize': ok(mqttHookAnswerSchema),
  'GET /api/events': { ...ok(liveEventStreamSchema), contentType: 'text/event-stream' },
  'GET /api/users': ok(pageOf(userResponseSchema)),
  'POST /api/users': created(userWithTokenResponseSchema),
  'GET /api/users/{id}': ok(userResponseSchema),
  'DELETE /api/users/{id}': ok(userResponseSchema),
  'POST /api/users/{id}/token': ok(userWithTokenResponseSchema),
  'PUT /api/users/{id}/password': noContent,
  'GET /api/me': ok(meResponseSchema),
  'PUT /api/me/password': ok(sessionResponseSchema),
  'POST /api/sessions': created(sessionResponseSchema),
  'DELETE /api/sessions/current': noContent,
  'GET /api/kpis': ok(kpiResponseSchema),
  'GET /api/parts/forecast': ok(partsForecastResponseSchema),
  'GET /api/contracts': ok(pageOf(contractResponseSchema)),
  'POST /api/contracts': created(contractDetailResponseSchema),
  'GET /api/contracts/{id}': ok(contractDetailResponseSchema),
  'DELETE /api/contracts/{id}': ok(contractDetailResponseSchema),
  'POST /api/contracts/{id}/versions': created(contractDetailResponseSchema),
  'POST /api/contracts/{id}/assets': created(contractDetailResponseSchema),
  'DELETE /api/contracts/{id}/assets/{assetId}': ok(contractDetailResponseSchema),
  'POST /api/contracts/{id}/billing-runs': ok(billingRunOutcomeResponseSchema),
  'GET /api/contracts/{id}/billing-records': ok(listOf(billingRecordResponseSchema)),
  'GET /api/contracts/{id}/billing-records/{period}': ok(billingRecordDetailResponseSchema),
  'GET /api/contracts/{id}/billing-records/{period}/intervals': ok(billingIntervalsResponseSchema),
  'GET /api/contracts/{id}/billing-records/{period}/statement': {
    ...ok(billingStatementSchema),
    contentType: 'text/markdown',
  },
  'GET /api/contracts/{id}/health': ok(contractHealthResponseSchema),
  'GET /api/contracts/{id}/windows': ok(listOf(calendarWindowResponseSchema)),
  'POST /api/contracts/{id}/windows': created(calendarWindowResponseSchema),
  'POST /api/contracts/{id}/windows/{windowId}/approval': ok(calendarWindowResponseSchema),
  'DELETE /api/contracts/{id}/windows/{windowId}': noContent,
  'GET /api/contracts/{id}/overrides': ok(listOf(categoryOverrideResponseSchema)),
  'POST /api/contracts/{id}/overrides': created(categoryOverrideResponseSchema),
  'DELETE /api/contracts/{id}/overrides/{overrideId}': noContent,
  'GET /api/warning-policies': ok(listOf(warningPolicyResponseSchema)),
  'GET /api/warning-policies/{assetType}': ok(warningPolicyResponseSchema),
  'PUT /api/warning-policies/{assetType}': {
    ...ok(warningPolicyResponseSchema),
    body: warningPolicyRequestSchema,
  },
  'DELETE /api/warning-policies/{assetType}': noContent,
  'GET /api/rules': ok(listOf(ruleResponseSchema)),
  'POST /api/rules': { ...created(ruleResponseSchema), body: ruleRequestSchema },
  'POST /api/rules/backtest': {
    ...ok(ruleBacktestResponseSchema),
    body: ruleBacktestRequestSchema,
  },
  'GET /api/rules/{id}': ok(ruleResponseSchema),
  'PUT /api/rules/{id}': { ...ok(ruleResponseSchema), body: ruleRequestSchema },
  'DELETE /api/rules/{id}': noContent,
  'GET /api/maintenance-plans': ok(listOf(maintenancePlanResponseSchema)),
  'POST /api/maintenance-plans': created(maintenancePlanResponseSchema),
  'GET /api/maintenance-plans/{id}': ok(maintenancePlanResponseSchema),
  'PATCH /api/maintenance-plans/{id}': ok(maintenancePlanResponseSchema),
  'DELETE /api/maintenance-plans/{id}': noContent,
  'GET /api/maintenance-plans/{id}/schedule': ok(maintenancePlanScheduleResponseSchema),
  'GET /api/webhooks': ok(webhookListResponseSchema),
  'POST /api/webhooks': {
    ...created(webhookWithSecretResponseSchema),
    body: webhookCreateRequestSchema,
  },
  'GET /api/webhooks/{id}': ok(webhookResponseSchema),
  'PATCH /api/webhooks/{id}': {
    ...ok(z.union([webhookWithSecretResponseSchema, webhookResponseSchema])),
    body: webhookPatchRequestSchema,
  },
  'DELETE /api/webhooks/{id}': noContent,
  'GET /api/webhooks/{id}/deliveries': ok(listOf(webhookDeliveryResponseSchema)),
  'POST /api/webhooks/{id}/deliveries/{deliveryId}/replay': {
    status: 202 as const,
    response: webhookDeliveryResponseSchema,
  },
  'POST /api/webhooks/{id}/test': { status: 202 as const, response: webhookDeliveryResponseSchema },
  'GET /api/partners': ok(listOf(partnerResponseSchema)),
  'POST /api/partners': created(partnerResponseSchema),
  'GET /api/partners/{id}': ok(partnerResponseSchema),
  'GET /api/technicians': ok(listOf(technicianResponseSchema)),
  'POST /api/technicians': created(technicianResponseSchema),
  'GET /api/assignments': ok(listOf(assignmentResponseSchema)),
  'POST /api/tasks/{id}/assignment': created(assignmentResponseSchema),
  'GET /api/tasks/{id}/assignments': ok(listOf(assignmentResponseSchema)),
  'POST /api/tasks/{id}/visits': created(visitResponseSchema),
  'GET /api/tasks/{id}/visits': ok(listOf(visitResponseSchema)),
  'PUT /api/tasks/{id}/service-account': ok(orderAccountResponseSchema),
  'GET /api/service-network/figures': ok(serviceFiguresResponseSchema),
  'GET /api/cases': ok(pageOf(caseResponseSchema)),
  'GET /api/cases/hit-rate': ok(caseHitRateResponseSchema),
  'GET /api/tasks/{id}/suggestion': ok(caseSuggestionResponseSchema),
  'POST /api/tasks/{id}/suggestion': ok(caseSuggestionResponseSchema),
  'GET /api/tasks/{id}/diagnosis': ok(diagnosisResponseSchema),
  'GET /api/nps': ok(npsReportResponseSchema),
  'POST /api/nps': created(npsAnswerResponseSchema),
  'GET /api/customers/{tenantId}/health': ok(customerHealthResponseSchema),
  'GET /api/churn-warnings': ok(listOf(churnWarningResponseSchema)),
  'GET /api/segments': ok(segmentsResponseSchema),
  'PUT /api/segments/rules': ok(segmentRulesResponseSchema),
  'GET /api/portfolio/matrix': ok(valueMatrixResponseSchema),
  'PUT /api/portfolio/matrix/thresholds': ok(matrixThresholdsResponseSchema),
  'GET /api/touches': ok(listOf(touchResponseSchema)),
  'PUT /api/touches/{id}/outcome': ok(touchResponseSchema),
  'GET /api/lifecycle-stages': ok(lifecycleReportResponseSchema),
} as const satisfies Record<string, ApiRouteSpec>;

/** A documented route: `METHOD /path`. */
export type ApiRouteKey = keyof typeof API_ROUTES;

/** What route `K` answers on success (`undefined` for 204). */
export type ApiResponseOf<K extends ApiRouteKey> = (typeof API_ROUTES)[K] extends {
  response: infer S extends z.ZodType;
}
  ? z.output<S>
  : undefined;

/** The body route `K` takes (`unknown` while the route's body schema is not in the table). */
export type ApiBodyOf<K extends ApiRouteKey> = (typeof API_ROUTES)[K] extends {
  body: infer S extends z.ZodType;
}
  ? z.input<S>
  : unknown;
