import type { MigrationPart } from '@hourglass/platform-sql';

/**
 * Escalation and notes (issue 14): how many levels an order has escalated and when last (the
 * escalation job escalates once per level and deadline), and `NOTE` history entries (equipment
 * events recorded against an open order).
 */
export const workOrderEscalationSchema: MigrationPart = {
  version: 24,
  name: 'work-order-escalation',
  owner: 'maintenance-tasks',
  sql: `
alter table tasks add column escalation_level integer not null default 0;
alter table tasks add column escalated_at timestamptz;
alter table task_history drop constraint task_history_kind_check;
alter table task_history add constraint task_history_kind_check check (kind in ('RAISED', 'TRANSITION', 'ESCALATION', 'NOTE'));
`,
};
