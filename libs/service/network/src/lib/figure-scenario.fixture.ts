import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FigureInput, ServiceFigures } from './service-figures.types';
import type { Assignment, OrderAccount, Partner, Visit } from './service-network.types';

/** A scenario file as written (ISO instants, short assignment rows). */
export interface RawFigureScenario {
  description: string;
  period: { from: string; to: string };
  partners: Partner[];
  technicians: Array<{ id: string; partnerId: string | null }>;
  assets: Array<{ assetId: string; assetType: string; commissionedAt: string }>;
  orders: Array<{
    id: string;
    assetId: string;
    component: string;
    priority: string;
    createdAt: string;
  }>;
  assignments: Array<{
    orderId: string;
    partnerId: string | null;
    region: string;
    assignedAt: string;
  }>;
  visits: Array<
    Omit<Visit, 'id' | 'recordedBy' | 'partsSource'> & Partial<Pick<Visit, 'partsSource'>>
  >;
  accounts: OrderAccount[];
  expected: Record<string, unknown> & {
    byPartner: Record<string, unknown>;
    regions: Record<string, string>;
    assetTypes: Record<string, string>;
  };
}

/** A scenario: the raw file, its figure input, and the figures computed by hand. */
export interface FigureScenario {
  name: string;
  raw: RawFigureScenario;
  input: FigureInput;
  expected: Omit<ServiceFigures, 'period'>;
}

/** The assignments as stored: each ends when the next one of its order starts. */
export function scenarioAssignments(raw: RawFigureScenario): Assignment[] {
  const orders = new Map(raw.orders.map((o) => [o.id, o]));
  const assets = new Map(raw.assets.map((a) => [a.assetId, a]));
  return raw.assignments.map((a, i) => {
    const order = orders.get(a.orderId);
    if (!order) throw new Error(`assignment of unknown order ${a.orderId}`);
    const next = raw.assignments.slice(i + 1).find((b) => b.orderId === a.orderId);
    return {
      id: i + 1,
      orderId: a.orderId,
      tenantId: 'acme',
      assetId: order.assetId,
      assetType: assets.get(order.assetId)?.assetType ?? 'unknown',
      component: order.component,
      priority: order.priority,
      partnerId: a.partnerId,
      technicianId: null,
      region: a.region,
      method: 'HAND',
      reason: null,
      plannedAt: a.assignedAt,
      assignedAt: new Date(a.assignedAt).toISOString(),
      assignedBy: 'pat',
      endedAt: next ? new Date(next.assignedAt).toISOString() : null,
    };
  });
}

function expectedFigures(raw: RawFigureScenario): FigureScenario['expected'] {
  const { regions, assetTypes, ...rest } = raw.expected;
  const alias = (names: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(names).map(([k, partner]) => [k, raw.expected.byPartner[partner]]),
    );
  return {
    ...rest,
    byRegion: alias(regions),
    byAssetType: alias(assetTypes),
  } as FigureScenario['expected'];
}

/** Reads every scenario of `fixtures/figure-scenarios` (one scenario per file). */
export function loadFigureScenarios(): FigureScenario[] {
  const dir = join(__dirname, 'fixtures', 'figure-scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => {
      const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as RawFigureScenario;
      const input: FigureInput = {
        period: { from: Date.parse(raw.period.from), to: Date.parse(raw.period.to) },
        assignments: scenarioAssignments(raw),
        visits: raw.visits.map((v, i) => ({
          ...v,
          partsSource: v.partsSource ?? null,
          id: i + 1,
          recordedBy: 'pat',
        })),
        accounts: raw.accounts,
        orders: raw.orders.map((o) => ({ ...o, createdAt: Date.parse(o.createdAt) })),
        assets: raw.assets.map((a) => ({ ...a, commissionedAt: Date.parse(a.commissionedAt) })),
      };
      return { name: file, raw, input, expected: expectedFigures(raw) };
    });
}
