import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NpsFigure } from './nps';
import type { CompletedOrder, CompletedOrderPort } from './nps.ports';
import type { SuccessErrorCode } from '../success.error';
import { tenantScope, type Scope } from '@hourglass/platform-tenancy';

/** One NPS scenario file of `fixtures/nps-scenarios` (expected values computed by hand in its description). */
export interface NpsScenario {
  name: string;
  description: string;
  period: { from: string; to: string };
  orders: CompletedOrder[];
  answers: Array<{ tenantId: string; taskId: string; score: number; at: string; comment?: string }>;
  refused: Array<{
    why: string;
    tenantId: string | null;
    taskId: string;
    score: number;
    code: SuccessErrorCode;
  }>;
  expected: { overall: NpsFigure; byTenant: Array<NpsFigure & { tenantId: string }> };
}

const DIR = join(__dirname, '../fixtures/nps-scenarios');

/** Every NPS scenario, by file name. */
export function npsScenarios(): NpsScenario[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      ...(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Omit<NpsScenario, 'name'>),
    }));
}

/** The scenario's orders as the tasks lib would answer them, scoped like `TaskRepository.get`. */
export function scenarioOrders(scenario: NpsScenario): CompletedOrderPort {
  return {
    order: async (scope: Scope, taskId: string) =>
      scenario.orders.find(
        (o) =>
          o.taskId === taskId &&
          (scope.kind === 'provider' || (scope.kind === 'tenant' && scope.tenantId === o.tenantId)),
      ) ?? null,
  };
}

/** The respondent of a scenario line: a customer user of the tenant, or provider staff when null. */
export const respondentOf = (tenantId: string | null) =>
  tenantId === null
    ? { scope: { kind: 'provider' } as Scope, actor: 'staff', customer: false }
    : { scope: tenantScope(tenantId), actor: `${tenantId}-user`, customer: true };
