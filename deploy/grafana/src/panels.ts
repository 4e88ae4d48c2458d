import type { Builder, Dataquery } from '@grafana/grafana-foundation-sdk/cog';
import type { Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { DataqueryBuilder as PromQuery } from '@grafana/grafana-foundation-sdk/prometheus';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import { DATASOURCES, InfluxQlQueryBuilder, SqlQueryBuilder } from './custom-queries';

/** A PromQL target; `legend` uses Grafana's `{{label}}` syntax. */
export function prom(expr: string, legend = ''): Builder<Dataquery> {
  return new PromQuery().expr(expr).legendFormat(legend).datasource(DATASOURCES.prometheus);
}

type Source = keyof typeof DATASOURCES;

/** A time series panel, half the dashboard wide. */
export function timeseries(
  title: string,
  unit: string,
  source: Source,
  targets: Builder<Dataquery>[],
  description = '',
): Builder<Panel> {
  const panel = new TimeseriesPanel()
    .title(title)
    .description(description)
    .unit(unit)
    .datasource(DATASOURCES[source])
    .height(8)
    .span(12);
  for (const target of targets) panel.withTarget(target);
  return panel;
}

/** A single-value panel, a quarter of the dashboard wide. */
export function stat(
  title: string,
  unit: string,
  source: Source,
  target: Builder<Dataquery>,
  description = '',
): Builder<Panel> {
  return new StatPanel()
    .title(title)
    .description(description)
    .unit(unit)
    .datasource(DATASOURCES[source])
    .withTarget(target)
    .height(4)
    .span(6);
}

/** A table of SQL rows from the platform's PostgreSQL, the full dashboard wide. */
export function sqlTable(title: string, sql: string, description = ''): Builder<Panel> {
  return new TablePanel()
    .title(title)
    .description(description)
    .datasource(DATASOURCES.postgres)
    .withTarget(new SqlQueryBuilder(sql))
    .height(9)
    .span(24);
}

/** An InfluxQL target on the telemetry bucket. */
export function influx(query: string): Builder<Dataquery> {
  return new InfluxQlQueryBuilder(query);
}
