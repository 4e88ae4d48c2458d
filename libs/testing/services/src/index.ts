export { freePort } from './free-port';
export { waitFor, WaitForTimeoutError, type WaitForOptions } from './wait-for';
export { ServiceStartError, type ServiceStartErrorCode } from './service-start.error';
export { ensureDebianPackage } from './debian-package-installer';
export { startInfluxDb, type InfluxOptions, type InfluxServer } from './influx-server';
export type { InfluxFaults } from './influx-compat-shim.faults';
export type { InfluxWriteRecord } from './influx-compat-shim.write-log';
export type { InfluxQueryOptions, InfluxRow } from './influx-query';
export { createInfluxCompatShim, type InfluxCompatShimOptions } from './influx-compat-shim';
export { translateV2Write, type V2WriteTranslation } from './influx-v2-write-translation';
export { startPostgres, type PostgresOptions, type PostgresServer } from './postgres-server';
export { startRedis, type RedisServer } from './redis-server';
export { startMosquitto, type MosquittoOptions, type MosquittoServer } from './mosquitto-server';
export { TcpFaultProxy, type TcpFaults, type TcpFaultProxyStats } from './tcp-fault-proxy';
export { TelemetryFleetPublisher, type TelemetryFleetOptions } from './telemetry-fleet.publisher';
export {
  lossReport,
  sequenceGaps,
  storedPoints,
  totalPoints,
  type InfluxQl,
  type StoredPoints,
} from './stored-points.query';
export { MetricSampler, type MetricSample } from './metric.sampler';
export { DEFAULT_FAULT_OUTAGE_MS, faultOutageMs, faultScenarioMs } from './fault-outage.settings';
