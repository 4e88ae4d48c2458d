// The bench fleet: N turbofan assets, each replaying one C-MAPSS FD001 training unit (round robin
// over the 100 units) up to a cut point, stored in the embedded telemetry store like ingest stores it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliProgress } from '@hourglass/platform-cli';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { HistoryRow } from '@hourglass/risk-features';
import { parseCmapss } from '@hourglass/risk-model';
import type { EmbeddedTelemetryStore } from '@hourglass/telemetry-store';

/** One asset of the bench fleet: its id, the unit it replays, and how far it has run. */
export interface BenchAsset {
  id: string;
  unit: HistoryRow[];
  /** Rows written so far. */
  written: number;
}

export const CYCLE_MS = 60_000;

/** The fleet: asset `i` replays FD001 unit `i mod 100`, with `history` rows already run (capped by its life). */
export function benchFleet(
  root: string,
  assets: number,
  history: number,
  extraRounds: number,
): BenchAsset[] {
  const units = [
    ...parseCmapss(readFileSync(join(root, 'models/data/cmapss/train_FD001.txt'), 'utf8')).values(),
  ];
  return Array.from({ length: assets }, (_, i) => {
    const unit = units[i % units.length];
    // Leave room for the steady rounds' new rows before the unit's last cycle.
    const written = Math.max(1, Math.min(history, unit.length - extraRounds));
    return { id: `bench-${String(i + 1).padStart(6, '0')}`, unit, written };
  });
}

/** Tenant, devices and assets in one statement each. */
export async function seedFleet(db: SqlDatabase, fleet: readonly BenchAsset[]): Promise<void> {
  await db.query(`insert into tenants (id, name) values ('bench', 'Bench') on conflict do nothing`);
  const ids = fleet.map((a) => a.id);
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash)
     select id, 'bench', 'turbofan', id, 'x' from unnest($1::text[]) as u(id) on conflict do nothing`,
    [ids],
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type)
     select id, 'bench', id, 'turbofan' from unnest($1::text[]) as u(id) on conflict do nothing`,
    [ids],
  );
}

/** Epoch ms of row `i` of every asset: rows one CYCLE_MS apart from `start`. */
export function rowTime(start: number, i: number): number {
  return start + i * CYCLE_MS;
}

/**
 * Writes rows [from, to) of every asset (as ingest would: cycle, settings and sensors, state RUN)
 * in store batches of 5,000, then sets each asset's `last_seen` to its newest row.
 */
export async function writeRows(
  db: SqlDatabase,
  store: EmbeddedTelemetryStore,
  fleet: readonly BenchAsset[],
  start: number,
  from: (a: BenchAsset) => number,
  assetsDone?: CliProgress,
): Promise<number> {
  let batch: Parameters<EmbeddedTelemetryStore['write']>[0][number][] = [];
  let rows = 0;
  let done = 0;
  for (const a of fleet) {
    for (let i = from(a); i < a.written; i++) {
      const row = a.unit[i];
      batch.push({
        deviceId: a.id,
        ts: rowTime(start, i),
        seq: i + 1,
        state: 'RUN',
        metrics: { ...row.metrics, cycle: row.cycle },
      });
      if (batch.length === 5_000) {
        await store.write(batch);
        rows += batch.length;
        batch = [];
        assetsDone?.update(done);
      }
    }
    done++;
  }
  await store.write(batch);
  assetsDone?.update(fleet.length);
  rows += batch.length;
  await db.query(
    `update assets set last_seen = u.seen from unnest($1::text[], $2::timestamptz[]) as u(id, seen) where assets.id = u.id`,
    [
      fleet.map((a) => a.id),
      fleet.map((a) => new Date(rowTime(start, a.written - 1)).toISOString()),
    ],
  );
  return rows;
}

/** The current unit's rows of an asset, as the scorer sees them. */
export function historyOf(asset: BenchAsset): HistoryRow[] {
  return asset.unit.slice(0, asset.written);
}
