import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SqlDatabase } from '@hourglass/platform-sql';
import type { HistoryRow } from '@hourglass/risk-features';
import type { LoadedModel } from './model-switcher';

/** A models folder holding one card per `name@hash` version (enough for listModels). */
export function fakeRegistry(versions: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'hg-models-'));
  for (const version of versions) {
    const name = version.split('@')[0];
    mkdirSync(join(dir, name));
    writeFileSync(join(dir, name, 'model-card.json'), JSON.stringify({ version }));
  }
  return dir;
}

/**
 * A model that predicts RUL = `offset` - (last cycle) and probability 1 when RUL <= horizon, and
 * records whether it was disposed.
 */
export class FakeModel implements LoadedModel {
  disposed = false;
  readonly horizon = 30;
  constructor(
    readonly version: string,
    private readonly offset: number,
  ) {}

  predict(histories: readonly (readonly HistoryRow[])[]) {
    return histories.map((h) => {
      const rul = Math.max(0, this.offset - h[h.length - 1].cycle);
      return { rul, probability: this.probabilityWithin(rul) };
    });
  }

  probabilityWithin(rul: number, horizon = this.horizon): number {
    return rul <= horizon ? 1 : 0;
  }

  dispose(): void {
    this.disposed = true;
  }
}

/** Tenant `acme` with turbofan assets `ids`, each its own device. */
export async function seedAssets(
  db: SqlDatabase,
  ids: readonly string[],
  type = 'turbofan',
): Promise<void> {
  await db.query(`insert into tenants (id, name) values ('acme', 'Acme') on conflict do nothing`);
  for (const id of ids) {
    await db.query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ($1, 'acme', $2, $1, 'x') on conflict do nothing`,
      [id, type],
    );
    await db.query(
      `insert into assets (id, tenant_id, device_id, type) values ($1, 'acme', $1, $2) on conflict do nothing`,
      [id, type],
    );
  }
}
