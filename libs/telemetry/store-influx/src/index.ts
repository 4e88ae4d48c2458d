export * from './lib/influx-telemetry.store';
export {
  AGGREGATE_FIELD_PREFIX,
  AGGREGATE_RETENTION_POLICIES,
  aggregateMeasurement,
  continuousQueryName,
  type InfluxAggregate,
} from './lib/influxql-downsampling';
