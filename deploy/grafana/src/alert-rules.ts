/** One Prometheus alerting rule (the fields of a rule file's `rules:` entries). */
export interface AlertRule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: 'warning' | 'critical' };
  annotations: { summary: string; description: string; runbook: string };
}

const RUNBOOK = 'deploy/README.md#alerts';

/**
 * The failure modes the platform knows, as Prometheus alerting rules on the metrics every process
 * exposes at `/metrics`. Thresholds are starting points for a fleet like the benches' (see the
 * scale-out guide); each description says what to look at first.
 */
export function hourglassAlertRules(): { groups: { name: string; rules: AlertRule[] }[] } {
  return {
    groups: [
      {
        name: 'hourglass-ingest',
        rules: [
          {
            alert: 'HourglassSpoolGrowing',
            expr: 'sum by (instance) (hg_ingest_spool_samples) > 10000 and sum by (instance) (deriv(hg_ingest_spool_samples[10m])) > 0',
            for: '10m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Ingest {{ $labels.instance }} is spooling telemetry locally',
              description:
                'The local spool holds {{ $value }} samples and keeps growing: the telemetry store refuses or times out writes. Data is safe while the spool has room (HG_DATA_DIR); check the store.',
              runbook: `${RUNBOOK}-spool`,
            },
          },
          {
            alert: 'HourglassStoreUnreachable',
            expr: 'sum by (instance) (increase(hg_ingest_write_retries_total[5m])) > 3',
            for: '5m',
            labels: { severity: 'critical' },
            annotations: {
              summary: 'Ingest {{ $labels.instance }} cannot write to the telemetry store',
              description:
                'Store writes keep failing and are retried (spooled when a spool is configured; otherwise devices are not acknowledged and back off). Check InfluxDB and the network path to it.',
              runbook: `${RUNBOOK}-store`,
            },
          },
          {
            alert: 'HourglassIngestRejectionsHigh',
            expr: 'sum by (reason) (rate(hg_ingest_rejected_total[5m])) > 5',
            for: '10m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Telemetry rejected: {{ $labels.reason }}',
              description:
                'More than 5 messages/s rejected for {{ $labels.reason }}; the messages are kept as dead letters (GET /api/dead-letters). A device firmware or a new metric name is the usual cause.',
              runbook: `${RUNBOOK}-rejections`,
            },
          },
        ],
      },
      {
        name: 'hourglass-processes',
        rules: [
          {
            alert: 'HourglassProcessDown',
            expr: 'up{job=~"hourglass-(api|ingest|scoring|billing|maintenance)"} == 0',
            for: '2m',
            labels: { severity: 'critical' },
            annotations: {
              summary: '{{ $labels.job }} at {{ $labels.instance }} does not answer /metrics',
              description:
                'The process is down or cannot be reached. Ingest: devices are not acknowledged by this worker and retry. Scoring, billing, maintenance: their jobs wait until it is back (their state is in the database). Api: the console and REST clients get errors.',
              runbook: `${RUNBOOK}-process`,
            },
          },
        ],
      },
      {
        name: 'hourglass-broker',
        rules: [
          {
            alert: 'HourglassBrokerRejectionsSpiking',
            expr: 'sum by (instance, reason) (rate(hg_broker_rejections_total[5m])) > 10 and sum by (instance, reason) (rate(hg_broker_rejections_total[5m])) > 5 * sum by (instance, reason) (rate(hg_broker_rejections_total[1h] offset 1h))',
            for: '5m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'Broker {{ $labels.instance }} refuses clients: {{ $labels.reason }}',
              description:
                'Refusals for {{ $labels.reason }} are above 10/s and five times the rate of the hour before: revoked or misconfigured devices reconnecting, a credential-stuffing attempt, or a client over its rate limit.',
              runbook: `${RUNBOOK}-broker`,
            },
          },
          {
            alert: 'HourglassBrokerDown',
            expr: 'up{job="hourglass-broker"} == 0',
            for: '2m',
            labels: { severity: 'critical' },
            annotations: {
              summary: 'Broker node {{ $labels.instance }} does not answer /metrics',
              description: 'Devices of this node reconnect to the others (or wait, on one node).',
              runbook: `${RUNBOOK}-broker`,
            },
          },
        ],
      },
      {
        name: 'hourglass-jobs',
        rules: [
          {
            alert: 'HourglassScoringStalled',
            expr: 'time() - max by (instance) (hg_job_last_success_timestamp_seconds{task="scoring"}) > 600',
            for: '5m',
            labels: { severity: 'critical' },
            annotations: {
              summary: 'Scoring on {{ $labels.instance }} has not finished a round for 10 minutes',
              description:
                'Risk and remaining life are going stale, and no preventive orders are raised. Look at the scoring log (model load failures, database) and hg_job_runs_total{task="scoring",outcome="failed"}.',
              runbook: `${RUNBOOK}-scoring`,
            },
          },
          {
            alert: 'HourglassBillingRunFailed',
            expr: 'sum by (instance) (increase(hg_job_runs_total{task="billing",outcome="failed"}[30m])) > 0',
            for: '0m',
            labels: { severity: 'critical' },
            annotations: {
              summary: 'A billing round failed on {{ $labels.instance }}',
              description:
                'Contract periods were not re-rated or finalised. The billing log names the contract and the error; the next round retries, and a run can be repeated from the API.',
              runbook: `${RUNBOOK}-billing`,
            },
          },
          {
            alert: 'HourglassJobFailing',
            expr: 'sum by (instance, task) (increase(hg_job_runs_total{outcome="failed"}[30m])) > 3',
            for: '10m',
            labels: { severity: 'warning' },
            annotations: {
              summary: 'The {{ $labels.task }} job keeps failing on {{ $labels.instance }}',
              description:
                'More than 3 failed runs in 30 minutes; its log lines start with "{{ $labels.task }}:".',
              runbook: `${RUNBOOK}-jobs`,
            },
          },
        ],
      },
    ],
  };
}
