import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';

/** The datasources the dashboards use, by the uid the provisioning file gives them. */
export const DATASOURCES = {
  prometheus: { type: 'prometheus', uid: 'hourglass-prometheus' },
  influx: { type: 'influxdb', uid: 'hourglass-influxdb' },
  postgres: { type: 'grafana-postgresql-datasource', uid: 'hourglass-postgres' },
} as const;

/** An InfluxQL query (the SDK has no InfluxDB builder: a custom query type, as its README shows). */
export interface InfluxQlQuery extends Dataquery {
  refId?: string;
  query: string;
  rawQuery: true;
  resultFormat: 'time_series' | 'table';
}

/** Builds an {@link InfluxQlQuery}; `$timeFilter` and `$__interval` are Grafana's macros. */
export class InfluxQlQueryBuilder implements Builder<Dataquery> {
  private readonly internal: InfluxQlQuery;

  constructor(query: string, resultFormat: InfluxQlQuery['resultFormat'] = 'time_series') {
    this.internal = {
      query,
      rawQuery: true,
      resultFormat,
      _implementsDataqueryVariant: () => undefined,
    };
  }

  refId(refId: string): this {
    this.internal.refId = refId;
    return this;
  }

  build(): InfluxQlQuery {
    return this.internal;
  }
}

/** A SQL query of Grafana's PostgreSQL datasource. */
export interface SqlQuery extends Dataquery {
  refId?: string;
  rawSql: string;
  rawQuery: true;
  editorMode: 'code';
  format: 'time_series' | 'table';
}

/** Builds a {@link SqlQuery}; `$__timeFilter(column)` is Grafana's macro for the dashboard's range. */
export class SqlQueryBuilder implements Builder<Dataquery> {
  private readonly internal: SqlQuery;

  constructor(rawSql: string, format: SqlQuery['format'] = 'table') {
    this.internal = {
      rawSql,
      rawQuery: true,
      editorMode: 'code',
      format,
      _implementsDataqueryVariant: () => undefined,
    };
  }

  refId(refId: string): this {
    this.internal.refId = refId;
    return this;
  }

  build(): SqlQuery {
    return this.internal;
  }
}
