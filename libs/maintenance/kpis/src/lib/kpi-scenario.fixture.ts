import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KpiInput } from './kpi-report';
import type { KpiOrder, StateSpan } from './kpi.types';

interface RawOrder {
  id: string;
  assetId: string;
  component: string;
  source: KpiOrder['source'];
  status: string;
  createdAt: string;
  completedAt?: string;
  dueBy?: string;
  planIntervalDays?: number;
  failureOutcome?: KpiOrder['failureOutcome'];
  partsCost?: number;
  cost?: number;
  transitions: Array<[string, string]>;
}

/** A KPI scenario file: a small fixed log and the hand-computed report. */
export interface KpiScenario {
  name: string;
  input: KpiInput;
  expected: Record<string, unknown>;
}

const ms = (iso: string | undefined) => (iso === undefined ? null : Date.parse(iso));

/** Reads every scenario of `fixtures/kpi-scenarios` (one scenario per file). */
export function loadKpiScenarios(): KpiScenario[] {
  const dir = join(__dirname, 'fixtures', 'kpi-scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => {
      const raw = JSON.parse(readFileSync(join(dir, file), 'utf8'));
      const assets = new Map<string, string>(Object.entries(raw.assets));
      const spans: StateSpan[] = raw.spans.map((s: Record<string, string>) => ({
        ...s,
        start: Date.parse(s.start),
        end: Date.parse(s.end),
      }));
      const orders: KpiOrder[] = (raw.orders as RawOrder[]).map((o) => ({
        id: o.id,
        assetId: o.assetId,
        assetType: assets.get(o.assetId) as string,
        component: o.component,
        source: o.source,
        status: o.status,
        createdAt: Date.parse(o.createdAt),
        completedAt: ms(o.completedAt),
        dueBy: ms(o.dueBy),
        planIntervalDays: o.planIntervalDays ?? null,
        failureOutcome: o.failureOutcome ?? null,
        partsCost: o.partsCost ?? 0,
        cost: o.cost ?? 0,
        transitions: o.transitions.map(([to, at]) => ({ to, at: Date.parse(at) })),
      }));
      const period = { from: Date.parse(raw.period.from), to: Date.parse(raw.period.to) };
      return {
        name: file,
        input: { period, spans, orders, assetTypes: assets },
        expected: raw.expected,
      };
    });
}
