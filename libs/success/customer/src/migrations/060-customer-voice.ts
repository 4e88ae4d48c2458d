import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * The customer's answer to the one question after a completed order (spec section 2). One answer
 * per order (the key). The order, its asset and completion are copied from the tasks lib's API when
 * the answer is taken, so the NPS of a period is read from this table alone. `partner_id` and
 * `region` are the seam for the service network: null until orders are assigned to partners.
 */
export const customerVoiceSchema: MigrationPart = {
  version: 60,
  name: 'customer-voice',
  owner: 'success-customer',
  sql: `
create table nps_answers (
  task_id text primary key,
  tenant_id text not null references tenants(id),
  asset_id text not null,
  score smallint not null check (score between 0 and 10),
  comment text,
  answered_by text not null,
  order_completed_at timestamptz not null,
  answered_at timestamptz not null,
  partner_id text,
  region text
);
create index nps_answers_tenant_time on nps_answers (tenant_id, answered_at);
`,
};
