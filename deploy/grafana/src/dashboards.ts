import {
  DashboardBuilder,
  RowBuilder,
  type Dashboard,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { influx, prom, sqlTable, stat, timeseries } from './panels';

const RATE = '$__rate_interval';

function dashboard(uid: string, title: string, description: string): DashboardBuilder {
  return new DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(['hourglass', 'generated'])
    .refresh('30s')
    .time({ from: 'now-6h', to: 'now' })
    .timezone('browser')
    .editable();
}

/** Devices online, telemetry arriving, the state and risk of the fleet. */
function fleetOverview(): Dashboard {
  return dashboard('hg-fleet', 'Hourglass / Fleet overview', 'Devices, telemetry and fleet risk')
    .withRow(new RowBuilder('Now'))
    .withPanel(stat('Devices connected', 'short', 'prometheus', prom('sum(hg_broker_connections)')))
    .withPanel(
      stat(
        'Telemetry messages/s',
        'short',
        'prometheus',
        prom(`sum(rate(hg_ingest_messages_total[${RATE}]))`),
      ),
    )
    .withPanel(
      stat(
        'Samples written/s',
        'short',
        'prometheus',
        prom(`sum(rate(hg_ingest_samples_written_total[${RATE}]))`),
      ),
    )
    .withPanel(
      stat(
        'Assets scored/s',
        'short',
        'prometheus',
        prom(`sum(rate(hg_scoring_assets_scored_total[${RATE}]))`),
      ),
    )
    .withRow(new RowBuilder('Telemetry'))
    .withPanel(
      timeseries('Samples stored per interval', 'short', 'influx', [
        influx(
          'SELECT count("seq") FROM "telemetry" WHERE $timeFilter GROUP BY time($__interval) fill(0)',
        ),
      ]),
    )
    .withPanel(
      timeseries('Devices connected', 'short', 'prometheus', [
        prom('sum by (transport) (hg_broker_connections)', '{{transport}}'),
      ]),
    )
    .withRow(new RowBuilder('Fleet'))
    .withPanel(
      sqlTable(
        'Assets by type and state',
        `select type, coalesce(state, 'never reported') as state, count(*) as assets,
       count(*) filter (where last_seen < now() - interval '15 minutes') as silent_15_min
from assets group by type, state order by type, state`,
      ),
    )
    .withPanel(
      sqlTable(
        'Highest failure risk',
        `select asset_id, probability, rul, model_version, scored_at
from risk_scores order by probability desc, rul asc limit 20`,
      ),
    )
    .build();
}

/** The write path: rates, rejections, batches, the spool. */
function ingestHealth(): Dashboard {
  return dashboard('hg-ingest', 'Hourglass / Ingest health', 'Telemetry from broker to store')
    .withPanel(
      timeseries('Messages in and samples written', 'short', 'prometheus', [
        prom(`sum(rate(hg_ingest_messages_total[${RATE}]))`, 'messages/s'),
        prom(`sum(rate(hg_ingest_samples_written_total[${RATE}]))`, 'samples written/s'),
        prom(`sum(rate(hg_ingest_spooled_samples_total[${RATE}]))`, 'samples spooled/s'),
      ]),
    )
    .withPanel(
      timeseries('Rejected by reason', 'short', 'prometheus', [
        prom(`sum by (reason) (rate(hg_ingest_rejected_total[${RATE}]))`, '{{reason}}'),
      ]),
    )
    .withPanel(
      timeseries('Batch write time', 's', 'prometheus', [
        prom(
          `histogram_quantile(0.5, sum by (le) (rate(hg_ingest_batch_write_seconds_bucket[${RATE}])))`,
          'p50',
        ),
        prom(
          `histogram_quantile(0.99, sum by (le) (rate(hg_ingest_batch_write_seconds_bucket[${RATE}])))`,
          'p99',
        ),
      ]),
    )
    .withPanel(
      timeseries(
        'Backlog and spool',
        'short',
        'prometheus',
        [
          prom('sum(hg_ingest_backlog_samples)', 'received, not yet durable'),
          prom('sum(hg_ingest_spool_samples)', 'in the local spool'),
        ],
        'The spool fills while the store is unreachable and drains once it answers.',
      ),
    )
    .withPanel(
      timeseries('Store write retries', 'short', 'prometheus', [
        prom(`sum(rate(hg_ingest_write_retries_total[${RATE}]))`, 'retries/s'),
      ]),
    )
    .withPanel(
      timeseries('Worker memory', 'bytes', 'prometheus', [
        prom('process_resident_memory_bytes{job="hourglass-ingest"}', '{{instance}}'),
      ]),
    )
    .build();
}

/** Connections, traffic, refusals and throttling of the broker nodes. */
function broker(): Dashboard {
  return dashboard('hg-broker', 'Hourglass / Broker', 'MQTT connections and traffic per node')
    .withPanel(
      timeseries('Connections', 'short', 'prometheus', [
        prom('sum by (instance, transport) (hg_broker_connections)', '{{instance}} {{transport}}'),
      ]),
    )
    .withPanel(
      timeseries('Connections accepted/s', 'short', 'prometheus', [
        prom(
          `sum by (instance) (rate(hg_broker_connections_accepted_total[${RATE}]))`,
          '{{instance}}',
        ),
      ]),
    )
    .withPanel(
      timeseries('Messages in and out', 'short', 'prometheus', [
        prom(`sum(rate(hg_broker_messages_in_total[${RATE}]))`, 'in/s'),
        prom(`sum(rate(hg_broker_messages_out_total[${RATE}]))`, 'out/s'),
      ]),
    )
    .withPanel(
      timeseries('Rejections by reason', 'short', 'prometheus', [
        prom(`sum by (reason) (rate(hg_broker_rejections_total[${RATE}]))`, '{{reason}}'),
        prom(`sum(rate(hg_broker_publish_throttled_total[${RATE}]))`, 'throttled publishes'),
      ]),
    )
    .withPanel(
      timeseries('Offline session queues', 'short', 'prometheus', [
        prom('sum(hg_broker_session_queue_messages)', 'queued'),
        prom(`sum(rate(hg_broker_session_queue_dropped_total[${RATE}]))`, 'dropped/s'),
      ]),
    )
    .withPanel(
      timeseries('Retained topics', 'short', 'prometheus', [
        prom('sum by (instance) (hg_broker_retained_topics)', '{{instance}}'),
      ]),
    )
    .build();
}

/** Scoring rounds, their length, model switches. */
function scoring(): Dashboard {
  return dashboard('hg-scoring', 'Hourglass / Model scoring', 'Risk and remaining-life scoring')
    .withPanel(
      timeseries('Assets scored/s', 'short', 'prometheus', [
        prom(`sum by (instance) (rate(hg_scoring_assets_scored_total[${RATE}]))`, '{{instance}}'),
        prom(`sum(rate(hg_scoring_shadow_scores_total[${RATE}]))`, 'shadow model'),
      ]),
    )
    .withPanel(
      timeseries('Round time', 's', 'prometheus', [
        prom(
          `histogram_quantile(0.5, sum by (le) (rate(hg_scoring_round_seconds_bucket[${RATE}])))`,
          'p50',
        ),
        prom(
          `histogram_quantile(0.99, sum by (le) (rate(hg_scoring_round_seconds_bucket[${RATE}])))`,
          'p99',
        ),
      ]),
    )
    .withPanel(
      timeseries('Units in the scoring cache', 'short', 'prometheus', [
        prom('sum by (instance) (hg_scoring_cached_units)', '{{instance}}'),
      ]),
    )
    .withPanel(
      timeseries('Model switches and load failures', 'short', 'prometheus', [
        prom('sum(increase(hg_model_switches_total[1h]))', 'switches per hour'),
        prom('sum(increase(hg_model_load_failures_total[1h]))', 'load failures per hour'),
      ]),
    )
    .withPanel(
      sqlTable(
        'Scores by model version',
        `select model_version, count(*) as assets, round(avg(probability)::numeric, 3) as mean_risk,
       round(avg(rul)::numeric, 1) as mean_rul, max(scored_at) as last_scored
from risk_scores group by model_version order by last_scored desc`,
      ),
    )
    .build();
}

/** The work list: open orders by status and priority, how long orders take. */
function workOrders(): Dashboard {
  return dashboard('hg-orders', 'Hourglass / Work orders', 'Preventive and corrective work')
    .withPanel(
      timeseries('Orders raised', 'short', 'prometheus', [
        prom(`sum(increase(hg_tasks_raised_total[1h]))`, 'per hour'),
      ]),
    )
    .withPanel(
      timeseries('Webhook deliveries', 'short', 'prometheus', [
        prom(`sum by (outcome) (rate(hg_webhook_attempts_total[${RATE}]))`, '{{outcome}}'),
      ]),
    )
    .withPanel(
      sqlTable(
        'Open orders by status and priority',
        `select status, priority, count(*) as orders,
       count(*) filter (where replace_by < now()) as past_replace_by
from tasks where status not in ('DONE', 'CANCELLED')
group by status, priority order by status, priority`,
      ),
    )
    .withPanel(
      sqlTable(
        'Completed in the range, by asset type',
        `select coalesce(asset_type, '-') as asset_type, count(*) as completed,
       round(avg(extract(epoch from (completed_at - created_at)) / 3600)::numeric, 1) as mean_hours_to_complete,
       sum(cost) as cost
from tasks where status = 'DONE' and $__timeFilter(completed_at)
group by asset_type order by completed desc`,
      ),
    )
    .build();
}

/** Availability and charges of the uptime contracts, from the stored billing records. */
function contractAvailability(): Dashboard {
  return dashboard(
    'hg-contracts',
    'Hourglass / Contract availability',
    'Running share and charges of the billing records',
  )
    .withPanel(
      sqlTable(
        'Contracts in the range',
        `select c.name as contract, c.sla_target, count(distinct r.asset_id) as assets,
       round((sum(r.run_seconds) / nullif(sum(r.run_seconds + r.fault_seconds), 0))::numeric, 4) as running_share,
       round(sum(r.unknown_seconds)::numeric / 3600, 1) as unknown_hours,
       sum(r.operating_hours) as operating_hours, sum(r.charge) as charge, min(r.currency) as currency
from billing_records r join contracts c on c.id = r.contract_id
where $__timeFilter(r.period_start)
group by c.name, c.sla_target order by running_share asc nulls last`,
        'Running share = run / (run + fault) time of the records; the billed availability, exclusions and credits are in the API (GET /api/contracts/{id}/billing).',
      ),
    )
    .withPanel(
      sqlTable(
        'Assets with the most fault time',
        `select r.asset_id, c.name as contract, round(sum(r.fault_seconds)::numeric / 3600, 2) as fault_hours,
       round(sum(r.run_seconds)::numeric / 3600, 2) as run_hours
from billing_records r join contracts c on c.id = r.contract_id
where $__timeFilter(r.period_start)
group by r.asset_id, c.name order by fault_hours desc limit 20`,
      ),
    )
    .build();
}

/** Every dashboard, by the file name it is written to. */
export function hourglassDashboards(): Record<string, Dashboard> {
  return {
    'fleet-overview.json': fleetOverview(),
    'ingest-health.json': ingestHealth(),
    'broker.json': broker(),
    'model-scoring.json': scoring(),
    'work-orders.json': workOrders(),
    'contract-availability.json': contractAvailability(),
  };
}
