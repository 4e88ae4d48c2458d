import { DATASOURCES } from './custom-queries';

/**
 * Grafana's datasource provisioning for the Compose file's services (InfluxDB 2 with its DBRP
 * mapping for InfluxQL, Prometheus, the platform's PostgreSQL). Secrets come from the container's
 * environment (`$__env{...}` is expanded by Grafana, not here).
 */
export function datasourceProvisioning() {
  return {
    apiVersion: 1,
    datasources: [
      {
        name: 'Prometheus',
        uid: DATASOURCES.prometheus.uid,
        type: DATASOURCES.prometheus.type,
        access: 'proxy',
        url: 'http://prometheus:9090',
        isDefault: true,
      },
      {
        name: 'InfluxDB (telemetry)',
        uid: DATASOURCES.influx.uid,
        type: DATASOURCES.influx.type,
        access: 'proxy',
        url: 'http://influxdb:8086',
        database: 'telemetry',
        jsonData: { httpMode: 'POST', httpHeaderName1: 'Authorization' },
        secureJsonData: { httpHeaderValue1: 'Token $__env{HG_INFLUX_TOKEN}' },
      },
      {
        name: 'PostgreSQL (platform)',
        uid: DATASOURCES.postgres.uid,
        type: DATASOURCES.postgres.type,
        access: 'proxy',
        url: 'postgres:5432',
        user: 'hourglass',
        jsonData: { database: 'hourglass', sslmode: 'disable', postgresVersion: 1500 },
        secureJsonData: { password: '$__env{POSTGRES_PASSWORD}' },
      },
    ],
  };
}

/** Grafana's dashboard provisioning: the generated JSON files, in a folder of their own. */
export function dashboardProvisioning() {
  return {
    apiVersion: 1,
    providers: [
      {
        name: 'hourglass',
        folder: 'Hourglass',
        type: 'file',
        disableDeletion: true,
        allowUiUpdates: false,
        options: { path: '/var/lib/grafana/dashboards' },
      },
    ],
  };
}
