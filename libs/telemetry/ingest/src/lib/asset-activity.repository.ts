import type { SqlDatabase } from '@hourglass/platform-sql';
import type { TelemetrySample } from '@hourglass/telemetry-schema';

/** Seconds between HEARTBEAT events per asset while its state does not change. */
const HEARTBEAT_EVERY_MS = 60_000;

interface Latest {
  ts: number;
  state?: string;
}

/**
 * Keeps each asset's `state` and `lastSeen`, and writes the state events that availability and
 * operating hours are computed from: one on every state change and a heartbeat at most once a
 * minute, instead of one row per message.
 */
export class AssetActivityRepository {
  private readonly lastState = new Map<string, { state: string; heartbeatAt: number }>();

  constructor(private readonly db: SqlDatabase) {}

  /** Records a durably stored batch; samples of unknown assets are ignored. */
  async record(samples: readonly TelemetrySample[]): Promise<void> {
    const latest = new Map<string, Latest>();
    const events: Array<{ asset: string; at: number; kind: 'STATE' | 'HEARTBEAT'; state: string; seq: number | null }> = [];
    const sorted = [...samples].sort((a, b) => a.ts - b.ts);
    for (const s of sorted) {
      const prev = latest.get(s.deviceId);
      if (!prev || s.ts >= prev.ts) latest.set(s.deviceId, { ts: s.ts, state: s.state ?? prev?.state });
      if (!s.state) continue;
      const known = this.lastState.get(s.deviceId);
      if (!known || known.state !== s.state) {
        events.push({ asset: s.deviceId, at: s.ts, kind: 'STATE', state: s.state, seq: s.seq ?? null });
        this.lastState.set(s.deviceId, { state: s.state, heartbeatAt: s.ts });
      } else if (s.ts - known.heartbeatAt >= HEARTBEAT_EVERY_MS) {
        events.push({ asset: s.deviceId, at: s.ts, kind: 'HEARTBEAT', state: s.state, seq: s.seq ?? null });
        known.heartbeatAt = s.ts;
      }
    }
    await this.db.transaction(async (tx) => {
      if (events.length > 0) {
        await tx.query(
          `insert into state_events (asset_id, tenant_id, observed_at, kind, state, seq)
           select u.a, a.tenant_id, u.t, u.k, u.s, u.q
           from unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[], $5::bigint[]) as u(a, t, k, s, q)
           join assets a on a.id = u.a
           on conflict (asset_id, observed_at, kind) do nothing`,
          [
            events.map((e) => e.asset),
            events.map((e) => new Date(e.at).toISOString()),
            events.map((e) => e.kind),
            events.map((e) => e.state),
            events.map((e) => e.seq) as number[],
          ],
        );
      }
      const ids = [...latest.keys()];
      const latestOf = [...latest.values()];
      await tx.query(
        `update assets a set last_seen = greatest(a.last_seen, u.t), state = coalesce(u.s, a.state)
         from unnest($1::text[], $2::timestamptz[], $3::text[]) as u(id, t, s)
         where a.id = u.id and (a.last_seen is null or a.last_seen <= u.t)`,
        [ids, latestOf.map((l) => new Date(l.ts).toISOString()), latestOf.map((l) => l.state ?? null) as string[]],
      );
    });
  }
}
