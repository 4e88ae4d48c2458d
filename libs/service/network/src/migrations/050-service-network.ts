import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * The service network (customer-success spec section 1): partners (certified service shops) and
 * technicians, the assignment of each work order to the own team (`partner_id` null) or a partner
 * with every re-assignment kept (the current one has `ended_at` null), the visits per order and
 * each order's service account (revenue and cost). Order facts used by the figures (asset, type,
 * component, priority) are copied at assignment: the order's asset and component never change.
 */
export const serviceNetworkSchema: MigrationPart = {
  version: 50,
  name: 'service-network',
  owner: 'service-network',
  sql: `
create table service_partners (
  id text primary key,
  name text not null,
  regions jsonb not null default '[]',
  skills jsonb not null default '[]',
  certified_from timestamptz,
  certified_to timestamptz,
  created_at timestamptz not null default now()
);

create table service_technicians (
  id text primary key,
  name text not null,
  partner_id text references service_partners(id),
  regions jsonb not null default '[]',
  skills jsonb not null default '[]',
  certified_from timestamptz,
  certified_to timestamptz,
  created_at timestamptz not null default now()
);
create index service_technicians_partner on service_technicians (partner_id);

create table service_assignments (
  id bigserial primary key,
  order_id text not null references tasks(id),
  tenant_id text not null,
  asset_id text not null,
  asset_type text not null,
  component text not null,
  priority text not null,
  partner_id text references service_partners(id),
  technician_id text references service_technicians(id),
  region text not null,
  method text not null check (method in ('RULE', 'HAND')),
  reason text,
  planned_at timestamptz not null,
  assigned_at timestamptz not null,
  assigned_by text not null,
  ended_at timestamptz
);
create unique index service_assignments_current on service_assignments (order_id) where ended_at is null;
create index service_assignments_partner on service_assignments (partner_id) where ended_at is null;

create table service_visits (
  id bigserial primary key,
  order_id text not null references tasks(id),
  technician_id text not null references service_technicians(id),
  arrived_at timestamptz not null,
  departed_at timestamptz,
  outcome text not null check (outcome in ('FIXED', 'NEEDS_ANOTHER_VISIT')),
  recorded_by text not null,
  check (departed_at is null or departed_at >= arrived_at)
);
create index service_visits_order on service_visits (order_id, arrived_at);

create table service_order_accounts (
  order_id text primary key references tasks(id),
  revenue numeric(14, 2) not null default 0 check (revenue >= 0),
  parts_cost numeric(14, 2) not null default 0 check (parts_cost >= 0),
  labour_cost numeric(14, 2) not null default 0 check (labour_cost >= 0),
  travel_cost numeric(14, 2) not null default 0 check (travel_cost >= 0)
);
`,
};
