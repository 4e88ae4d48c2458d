export {
  CMAPSS_COLUMN_COUNT,
  CMAPSS_MEASUREMENT_NAMES,
  CmapssParseError,
  parseCmapssFile,
  readCmapssFile,
} from '@hourglass/datasets-cmapss';
export type { CmapssRow, CmapssUnit } from '@hourglass/datasets-cmapss';
export {
  DEFAULT_CMAPSS_FILE,
  DEMO_FLEET_DEFAULTS,
  DEMO_FLEET_UNITS,
  demoFleetDeviceIds,
  startDemoFleet,
} from './demo-fleet';
export {
  DEMO_CASE_LOOKBACK_CYCLES,
  demoCaseLookbackHours,
  demoServiceHistory,
} from './demo-history';
export type { DemoServiceHistoryOptions, PastSample, PastServiceOrder } from './demo-history';
export type { DemoDeviceStatus, DemoFleet, DemoFleetEvents, DemoFleetOptions } from './demo-fleet';
export { DeviceProvisioningClient } from './device-provisioning.client';
export type {
  DeviceCredentials,
  DeviceProvisioningClientOptions,
} from './device-provisioning.client';
export type { DeviceTransport, TransportPublishOptions } from './device-transport';
export { EngineDevice } from './engine-device';
export type {
  EndOfTrajectory,
  EngineDeviceEvents,
  EngineDeviceOptions,
  EngineDeviceStats,
  FailureEvent,
  OutageEndedEvent,
  ReplacementEvent,
} from './engine-device';
export { FleetScheduler } from './fleet-scheduler';
export type { FleetSchedulerOptions, Tickable } from './fleet-scheduler';
export { MqttDeviceTransport } from './mqtt-device.transport';
export type { MqttDeviceTransportOptions } from './mqtt-device.transport';
export { runReplayCommand, parseReplayArgs } from './replay.command';
export { runReplay } from './replay.service';
export type { ReplayOptions, ReplayResult } from './replay.service';
export { systemClock } from './scheduler-clock';
export type { SchedulerClock, TimerHandle } from './scheduler-clock';
export { SimulatorError } from './simulator-error';
export type { SimulatorErrorCode } from './simulator-error';
export { deviceTopics, rowMetrics } from './telemetry-message';
export type {
  DeviceState,
  ReplaceCommand,
  ReplacedEvent,
  TelemetryMessage,
} from './telemetry-message';
export { FieldTechnician, FIELD_TECHNICIAN_DEFAULTS } from './field-technician';
export type { FieldTechnicianOptions } from './field-technician';
export { TechnicianApiClient } from './technician-api.client';
export type {
  OwnTeamAssignment,
  TechnicianApi,
  TechnicianApiClientOptions,
  VisitReport,
} from './technician-api.client';
export { ServiceOutcomeLedger, formatCents } from './service-outcome.ledger';
export type {
  MissReason,
  OutageTerms,
  OutcomeTotals,
  ServiceOutcome,
  ServiceOutcomeSummary,
} from './service-outcome.ledger';
export { CustomerVoice } from './customer-voice';
export type { CustomerVoiceApi, CustomerVoiceOptions } from './customer-voice';
export { CustomerApiClient } from './customer-api.client';
export {
  DEFAULT_KIT,
  FAULT_WEIGHTS,
  HPC_FAULT_PATHS,
  UnitLifeFaults,
  covers,
  drawFault,
  partsSourceOf,
  suggestedKit,
  trajectorySignature,
} from './fault-draw';
export type {
  FaultPath,
  FaultPathName,
  KitPart,
  PartsSource,
  TrajectorySignature,
  TrueFault,
} from './fault-draw';
