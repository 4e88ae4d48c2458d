export {
  DEVICE_ID_PATTERN,
  SERVICE_CLIENT_ID_PREFIX,
  assertDeviceId,
  isServiceClientId,
  isValidDeviceId,
} from './lib/device-id';
export { DEVICE_STATES, isDeviceState } from './lib/device-state';
export type { DeviceState } from './lib/device-state';
export {
  DEVICE_STATUSES,
  STATUS_OFFLINE,
  STATUS_ONLINE,
  isDeviceStatus,
} from './lib/device-status';
export type { DeviceStatus } from './lib/device-status';
export {
  COMMANDS_FILTER,
  COMMAND_NAME_PATTERN,
  DEVICE_TOPIC_ROOT,
  EVENTS_FILTER,
  STATUS_FILTER,
  TELEMETRY_FILTER,
  commandTopic,
  deviceCommandsPrefix,
  deviceIdFromTelemetryTopic,
  deviceIdOfTopic,
  deviceTopicPrefix,
  eventsTopic,
  parseDeviceTopic,
  statusTopic,
  telemetryTopic,
} from './lib/device-topics';
export type { DeviceTopic } from './lib/device-topics';
export type {
  ReplaceCommand,
  ReplacedEvent,
  TelemetryBatchMessage,
  TelemetryMessage,
} from './lib/telemetry-message';
export {
  EQUIPMENT_EVENT_TYPES,
  MAINTENANCE_COMMAND,
  maintenanceCommandTopic,
} from './lib/maintenance-messages';
export type {
  MaintenanceCommand,
  MaintenanceOrderSummary,
  MaintenanceOrdersCommand,
  MaintenanceReminderCommand,
  PartReplacedEvent,
} from './lib/maintenance-messages';
export {
  SPARKPLUG_EDGE_TYPES,
  SPARKPLUG_FILTER,
  SPARKPLUG_NAMESPACE,
  parseSparkplugTopic,
  sparkplugNodeCommandTopic,
} from './lib/sparkplug-topics';
export type {
  SparkplugCommandType,
  SparkplugEdgeType,
  SparkplugTopic,
} from './lib/sparkplug-topics';
