import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PaidServiceEvent, RfmEntry, SegmentRule } from './rfm.types';

const DAY_MS = 86_400_000;
const DIR = join(__dirname, '../fixtures/rfm-scenarios');

/** One RFM scenario file (expected values computed by hand in its description). */
export interface RfmScenario {
  name: string;
  description: string;
  asOf: string;
  tenants: string[];
  /** `count` events of `amount`, the last at `last`, `everyDays` apart. */
  events: Array<{
    tenantId: string;
    everyDays: number;
    count: number;
    last: string;
    amount: number;
  }>;
  expected: RfmEntry[];
  changedRules: SegmentRule[];
  expectedWithChangedRules: Record<string, string>;
}

/** Every RFM scenario, by file name. */
export function rfmScenarios(): RfmScenario[] {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => ({
      name: f.replace(/\.json$/, ''),
      ...(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Omit<RfmScenario, 'name'>),
    }));
}

/** The scenario's paid events, one per invoice. */
export function scenarioEvents(s: RfmScenario): PaidServiceEvent[] {
  return s.events.flatMap((e) =>
    Array.from({ length: e.count }, (_, i) => ({
      tenantId: e.tenantId,
      at: new Date(Date.parse(e.last) - i * e.everyDays * DAY_MS).toISOString(),
      amount: e.amount,
      ref: `invoice ${e.tenantId} ${i}`,
    })),
  );
}
