import type { SqlDatabase } from '@hourglass/platform-sql';
import { StateEventRepository, type NewStateEvent } from './state-event.repository';

export const MIN = 60_000;
export const DAY = 86_400_000;
/**
 * Midnight UTC six days before the day that began at least two hours ago: the random events fill
 * the six days up to now. Never today's midnight in the first two hours of a day, so the six
 * closed days a test rolls up do not depend on the hour it runs at (see {@link TEST_NOW}).
 */
export const D0 = Math.floor((Date.now() - 2 * 60 * MIN) / DAY) * DAY - 6 * DAY;
/** A clock for jobs under test: half an hour into the day after the six, always in the past. */
export const TEST_NOW = () => D0 + 6 * DAY + 30 * MIN;
export const TIMEOUT_US = 15 * MIN * 1000;
const STATES = ['RUN', 'RUN', 'RUN', 'STANDBY', 'FAULT', 'OFFLINE'];

/** A deterministic generator (Park-Miller), so a failure names the same data every run. */
function generator(seed: number) {
  let s = seed;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  return { next, pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] };
}

/**
 * Seeded random events of one asset from a few hours before `D0` up to an hour ago: STATE,
 * HEARTBEAT and HOUR_METER, gaps within and beyond the timeout, spells landing on or running across
 * midnight, silent half-days, two kinds at one instant with either seq first.
 */
export function randomDays(assetId: string, seed: number): NewStateEvent[] {
  const r = generator(seed);
  const events = new Map<string, NewStateEvent>();
  const add = (at: number, kind: NewStateEvent['kind'], seq: number | null) =>
    events.set(`${at} ${kind}`, {
      assetId,
      observedAtMs: at,
      kind,
      state: kind === 'HOUR_METER' ? null : r.pick(STATES),
      meterHours: kind === 'HOUR_METER' ? Math.floor(at / MIN) / 60 : null,
      seq,
    });
  const end = Date.now() - 60 * MIN;
  for (let at = D0 - Math.floor(r.next() * 6 * 60 * MIN); at < end;) {
    add(at, r.pick(['STATE', 'STATE', 'HEARTBEAT', 'HEARTBEAT', 'HOUR_METER'] as const), null);
    if (r.next() < 0.05) {
      const [first, second] = r.next() < 0.5 ? [1, 2] : [2, 1];
      add(at, 'HEARTBEAT', first);
      add(at, 'STATE', second);
    }
    const roll = r.next();
    const gap =
      roll < 0.6 ? r.next() * 15 * MIN : roll < 0.97 ? 15 * MIN + r.next() * 3 * 60 * MIN : DAY / 2;
    const midnight = Math.ceil(at / DAY) * DAY;
    // Now and then exactly onto midnight, or a few minutes before it (a span across it).
    if (midnight - at < 4 * 60 * MIN && r.next() < 0.3)
      at = r.next() < 0.5 ? midnight : midnight - Math.floor(r.next() * 10 * MIN) - 1000;
    else at += Math.max(1000, Math.floor(gap));
  }
  return [...events.values()];
}

/** Tenants, devices and assets for the ids, as the registry would hold them. */
export async function storeAssets(db: SqlDatabase, tenant: string, ids: readonly string[]) {
  await db.query(`insert into tenants (id, name) values ($1, $1)`, [tenant]);
  await db.query(
    `insert into devices (id, tenant_id, type, username, password_hash)
     select id, $2, 'turbofan', id, 'x' from unnest($1::text[]) id`,
    [[...ids], tenant],
  );
  await db.query(
    `insert into assets (id, tenant_id, device_id, type) select id, $2, id, 'turbofan' from unnest($1::text[]) id`,
    [[...ids], tenant],
  );
}

/** Stores events of assets of one tenant. */
export async function storeEvents(db: SqlDatabase, tenant: string, events: NewStateEvent[]) {
  const tenants = new Map(events.map((e) => [e.assetId, tenant]));
  await new StateEventRepository(db).insert(events, tenants);
}

/** A correction of `assetId`'s state at `atMs` (the event it names need not exist for the reads). */
export async function storeCorrection(
  db: SqlDatabase,
  tenant: string,
  assetId: string,
  atMs: number,
) {
  await db.query(
    `insert into billing_corrections (id, asset_id, tenant_id, supersedes, observed_at, state, reason, author)
     values ($1, $2, $3, $4, $5, 'RUN', 'spec', 'spec')`,
    [`c-${assetId}`, assetId, tenant, `e-${assetId}`, new Date(atMs).toISOString()],
  );
}
