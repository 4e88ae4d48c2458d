import type { BillingErrorCode } from '@hourglass/billing-records';
import type { DeviceErrorCode } from '@hourglass/devices-registry';
import type { TaskCostError, WorkOrderErrorCode } from '@hourglass/maintenance-tasks';
import type { WebhookErrorCode } from '@hourglass/notifications-webhooks';
import type { SqlUnavailableError } from '@hourglass/platform-sql';
import type { IngestErrorCode } from '@hourglass/telemetry-ingest';
import type { RiskFeatureErrorCode } from '@hourglass/risk-features';
import type { RiskModelErrorCode } from '@hourglass/risk-model';
import type { ModelDeploymentError } from '@hourglass/risk-scoring';
import type { CaseLibraryErrorCode } from '@hourglass/service-cases';
import type { ServiceNetworkErrorCode } from '@hourglass/service-network';
import type { SuccessErrorCode } from '@hourglass/success-customer';
import type { TelemetryStoreError } from '@hourglass/telemetry-store';
import type { UserErrorCode } from './auth/user.service';

/** Codes of the API's own errors ({@link ValidationError}, {@link NotFoundError}). */
export type ApiErrorCode = 'VALIDATION' | 'NOT_FOUND' | 'INGEST_NOT_HOSTED' | 'PDF_UNAVAILABLE';

/**
 * Every code a domain error reaching the HTTP edge may carry: the union of the error codes of the
 * libs the API calls. A lib that adds a code makes `DOMAIN_ERROR_STATUS` fail the type check until
 * the code is given a status.
 */
export type DomainErrorCode =
  | ApiErrorCode
  | UserErrorCode
  | DeviceErrorCode
  | BillingErrorCode
  | TaskCostError['code']
  | WorkOrderErrorCode
  | ModelDeploymentError['code']
  | RiskModelErrorCode
  | RiskFeatureErrorCode
  | SqlUnavailableError['code']
  | TelemetryStoreError['code']
  | IngestErrorCode
  | WebhookErrorCode
  | ServiceNetworkErrorCode
  | CaseLibraryErrorCode
  | SuccessErrorCode;

/**
 * The HTTP status of each domain error code, exhaustive by type. Model artifacts that fail their
 * checks (`MODEL_CORRUPT`, `MODEL_INCOMPATIBLE`) are 422: the version named cannot be used, trying
 * again will not help, another version will. Infrastructure codes are 503 (retry later).
 */
export const DOMAIN_ERROR_STATUS: Readonly<Record<DomainErrorCode, number>> = {
  VALIDATION: 400,
  NOT_FOUND: 404,
  INGEST_NOT_HOSTED: 503,
  PDF_UNAVAILABLE: 503,
  INGEST_BUSY: 429,
  INGEST_CLOSING: 503,
  USER_EXISTS: 409,
  SIGN_IN_FAILED: 401,
  WRONG_PASSWORD: 403,
  SIGN_IN_THROTTLED: 429,
  DEVICE_NOT_FOUND: 404,
  DEVICE_EXISTS: 409,
  DEVICE_INVALID: 400,
  CONTRACT_CONFLICT: 409,
  ILLEGAL_TRANSITION: 409,
  WORK_ORDER_INVALID: 400,
  MODEL_NOT_FOUND: 404,
  MODEL_CONFLICT: 409,
  MODEL_CORRUPT: 422,
  MODEL_INCOMPATIBLE: 422,
  INVALID_DATA: 422,
  INVALID_OPTIONS: 400,
  EMPTY_HISTORY: 422,
  INVALID_SPEC: 422,
  NO_TRAINING_DATA: 422,
  SQL_UNAVAILABLE: 503,
  TELEMETRY_STORE: 503,
  WEBHOOK_NOT_FOUND: 404,
  WEBHOOK_INVALID: 400,
  SERVICE_NETWORK_CONFLICT: 409,
  NPS_NOT_FOUND: 404,
  NPS_FORBIDDEN: 403,
  NPS_CONFLICT: 409,
  SUCCESS_INVALID: 400,
  TOUCH_NOT_FOUND: 404,
  CASE_ORDER_CLOSED: 409,
};

/** The status of `code` when it is a domain error code, else undefined. */
export function domainErrorStatus(code: unknown): number | undefined {
  return typeof code === 'string' && Object.hasOwn(DOMAIN_ERROR_STATUS, code)
    ? DOMAIN_ERROR_STATUS[code as DomainErrorCode]
    : undefined;
}
