import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_WARNING_DEFAULTS } from '@hourglass/maintenance-tasks';
import { DEFAULT_RISK_THRESHOLD } from '@hourglass/risk-scoring';
import { DEFAULT_METER_METRIC } from '@hourglass/billing-records';
import { DEMO_FLEET_DEFAULTS, FIELD_TECHNICIAN_DEFAULTS } from '@hourglass/simulator-cmapss';
import { DEFAULT_INGEST_OPTIONS } from '@hourglass/telemetry-ingest';

const example = readFileSync(join(__dirname, '../../../../../.env.example'), 'utf8');
const documented = (variable: string) => new RegExp(`^${variable}=(.*)$`, 'm').exec(example)?.[1];

/** Settings left unset by the config schema take their owner's default: `.env.example` must tell the same value. */
describe('documented defaults', () => {
  it.each([
    ['HG_RISK_THRESHOLD', DEFAULT_RISK_THRESHOLD],
    ['HG_RISK_CONSECUTIVE', DEFAULT_WARNING_DEFAULTS.consecutive],
    ['HG_INGEST_BATCH_SIZE', DEFAULT_INGEST_OPTIONS.batchSize],
    ['HG_INGEST_FLUSH_MS', DEFAULT_INGEST_OPTIONS.flushIntervalMs],
    ['HG_INGEST_WRITE_CONCURRENCY', DEFAULT_INGEST_OPTIONS.maxConcurrentWrites],
    ['HG_BILLING_METER_METRIC', DEFAULT_METER_METRIC],
    ['HG_SIM_DEVICES', DEMO_FLEET_DEFAULTS.fleetSize],
    ['HG_SIM_SPEED', DEMO_FLEET_DEFAULTS.speed],
    ['HG_SIM_TECHNICIAN_DELAY_S', FIELD_TECHNICIAN_DEFAULTS.delaySeconds],
  ])('%s in .env.example is the owner default %p', (variable, value) => {
    expect(documented(variable)).toBe(String(value));
  });
});
