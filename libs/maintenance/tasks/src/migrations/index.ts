import type { MigrationPart } from '@hourglass/platform-sql';
import { coreSchema } from './001-core';
import { warningPoliciesSchema } from './003-warning-policies';
import { taskCostSchema } from './004-task-cost';
import { taskCompletionSchema } from './007-task-completion';
import { workOrderLifecycleSchema } from './020-work-order-lifecycle';
import { failureReportsSchema } from './021-failure-reports';
import { workOrderSourcesSchema } from './022-work-order-sources';
import { warningPolicyWindowSchema } from './023-warning-policy-window';
import { workOrderEscalationSchema } from './024-work-order-escalation';
import { kpiOrderIndexesSchema } from './070-kpi-order-indexes';
import { orderRepairTimeSchema } from './071-order-repair-time';
import { orderPartsCostSchema } from './074-order-parts-cost';
import { orderRepeatFlagsSchema } from './075-order-repeat-flags';

/** This lib's parts of the platform's schema versions (composed by the composition roots). */
export const maintenanceTasksMigrations: readonly MigrationPart[] = [
  coreSchema,
  warningPoliciesSchema,
  taskCostSchema,
  taskCompletionSchema,
  workOrderLifecycleSchema,
  failureReportsSchema,
  workOrderSourcesSchema,
  warningPolicyWindowSchema,
  workOrderEscalationSchema,
  kpiOrderIndexesSchema,
  orderRepairTimeSchema,
  orderPartsCostSchema,
  orderRepeatFlagsSchema,
];
