import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Webhook subscriptions per tenant, the durable delivery queue and its log. The secret is kept as
 * given (not hashed): signing needs it. A delivery is queued once per subscription and event
 * (`webhook_deliveries_once`); a replay is a new delivery pointing at the one it repeats.
 */
export const webhooksSchema: MigrationPart = {
  version: 40,
  name: 'webhooks',
  owner: 'notifications-webhooks',
  sql: `
create table webhook_subscriptions (
  id text primary key,
  tenant_id text not null,
  url text not null,
  event_types text[] not null,
  secret text not null,
  description text,
  enabled boolean not null default true,
  consecutive_failures integer not null default 0,
  disabled_reason text,
  created_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index webhook_subscriptions_tenant on webhook_subscriptions (tenant_id);
create table webhook_deliveries (
  id text primary key,
  subscription_id text not null references webhook_subscriptions(id) on delete cascade,
  tenant_id text not null,
  event_id text not null,
  event_type text not null,
  payload text not null,
  status text not null check (status in ('PENDING', 'DELIVERED', 'FAILED')),
  attempts integer not null default 0,
  next_attempt_at timestamptz not null,
  locked_until timestamptz,
  replay_of text references webhook_deliveries(id) on delete set null,
  last_status_code integer,
  last_error text,
  created_at timestamptz not null default now(),
  completed_at timestamptz
);
create unique index webhook_deliveries_once on webhook_deliveries (subscription_id, event_id) where replay_of is null;
create index webhook_deliveries_due on webhook_deliveries (next_attempt_at) where status = 'PENDING';
create index webhook_deliveries_log on webhook_deliveries (subscription_id, created_at);
create table webhook_attempts (
  delivery_id text not null references webhook_deliveries(id) on delete cascade,
  attempt integer not null,
  started_at timestamptz not null,
  duration_ms integer not null,
  status_code integer,
  error text,
  primary key (delivery_id, attempt)
);
`,
};
