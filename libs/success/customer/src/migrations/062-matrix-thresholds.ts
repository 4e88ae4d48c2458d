import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * The provider's thresholds of the strategic value matrix as data (spec section 8): one row, where
 * low turns high on the customer-value axis (0-100) and on the service-margin axis (%). No row: the
 * spec's defaults (60 and 20 %).
 */
export const matrixThresholdsSchema: MigrationPart = {
  version: 62,
  name: 'matrix-thresholds',
  owner: 'success-customer',
  sql: `
create table value_matrix_thresholds (
  id text primary key check (id = 'provider'),
  customer_value double precision not null check (customer_value >= 0 and customer_value <= 100),
  margin_pct double precision not null check (margin_pct >= -1000 and margin_pct <= 100),
  updated_by text not null,
  updated_at timestamptz not null default now()
);
`,
};
