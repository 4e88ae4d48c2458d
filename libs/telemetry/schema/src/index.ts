export { DEVICE_STATES, isDeviceState } from './lib/telemetry-sample';
export type { DeviceState, TelemetrySample } from './lib/telemetry-sample';
export { DEFAULT_TELEMETRY_LIMITS } from './lib/telemetry-limits';
export type { TelemetryLimits } from './lib/telemetry-limits';
export { REJECT_REASONS } from './lib/telemetry-parse-result';
export type {
  RejectReason,
  TelemetryParseResult,
  TelemetryRejection,
} from './lib/telemetry-parse-result';
export {
  DEVICE_ID_PATTERN,
  METRIC_NAME_PATTERN,
  RESERVED_METRIC_NAMES,
  deviceIdFromTopic,
  isValidDeviceId,
  isValidMetricName,
} from './lib/telemetry-names';
export { MAX_STORABLE_TS_MS, parseRfc3339 } from './lib/telemetry-timestamp';
export {
  parseTelemetry,
  parseTelemetryMessage,
  validateTelemetryValue,
} from './lib/telemetry-parser';
export {
  encodeLineProtocol,
  escapeMeasurement,
  escapeStringFieldValue,
  escapeTag,
} from './lib/line-protocol';
