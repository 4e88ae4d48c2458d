import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EscalationJob } from './escalation.job';
import type { EscalationOptions } from './escalation.policy';
import type { EscalationStore, EscalationWrite } from './escalation.repository';
import type { Task, TaskPriority } from './task.repository';
import type { WorkOrderEvent } from './work-order.events';

/** One scenario file: escalation options, the order raised, hourly steps, the escalations expected. */
interface EscalationScenario {
  description: string;
  options: Partial<EscalationOptions>;
  raised: { h: number; priority: TaskPriority };
  steps: Array<{ h: number; run?: boolean; acknowledge?: boolean; schedule?: number }>;
  expect: {
    escalations: Array<{ h: number; level: number; reason: string; priority: TaskPriority }>;
  };
}

const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const DIR = join(__dirname, 'fixtures', 'escalation-scenarios');
const at = (h: number) => new Date(T0 + h * HOUR);

/** One order in memory, with the SQL store's conditional write. */
function memoryStore(order: Task) {
  const state = {
    order,
    level: 0,
    escalatedAt: null as Date | null,
    details: [] as Array<{ level: number; reason: string }>,
  };
  const store: EscalationStore = {
    candidates: async () => [
      { order: { ...state.order }, level: state.level, escalatedAt: state.escalatedAt },
    ],
    escalate: async (w: EscalationWrite) => {
      if (w.expectedLevel !== state.level || w.order.status !== state.order.status) return null;
      state.level += 1;
      state.escalatedAt = w.at;
      state.order = { ...state.order, priority: w.priority, updatedAt: w.at.toISOString() };
      state.details.push({ level: state.level, reason: w.due.reason });
      return { ...state.order };
    },
  };
  return { store, state };
}

describe(EscalationJob.name, () => {
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
    const scenario = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as EscalationScenario;
    it(`${file}: ${scenario.description}`, async () => {
      let now = at(scenario.raised.h);
      const order = {
        id: 'o-1',
        tenantId: 'acme',
        assetId: 'm-1',
        component: 'hpc',
        status: 'OPEN',
        priority: scenario.raised.priority,
        createdAt: now.toISOString(),
        acknowledgedAt: null,
        startedAt: null,
        plannedFor: null,
      } as unknown as Task;
      const { store, state } = memoryStore(order);
      const events: WorkOrderEvent[] = [];
      const sut = new EscalationJob(
        { store, now: () => now, events: { onEvent: async (e) => void events.push(e) } },
        scenario.options,
      );
      const seen: Array<{ h: number; level: number; reason: string; priority: TaskPriority }> = [];
      for (const step of scenario.steps) {
        now = at(step.h);
        if (step.acknowledge)
          state.order = {
            ...state.order,
            status: 'ACKNOWLEDGED',
            acknowledgedAt: now.toISOString(),
          };
        if (step.schedule !== undefined)
          state.order = {
            ...state.order,
            status: 'SCHEDULED',
            plannedFor: at(step.schedule).toISOString(),
          };
        if (!step.run) continue;
        for (const o of await sut.run())
          seen.push({
            h: step.h,
            level: state.level,
            reason: state.details[state.details.length - 1].reason,
            priority: o.priority,
          });
      }
      expect(seen).toEqual(scenario.expect.escalations);
      expect(events.map((e) => [e.kind, e.order.priority])).toEqual(
        scenario.expect.escalations.map((e) => ['ESCALATED', e.priority]),
      );
    });
  }
});
