import type { TelemetrySample } from '@hourglass/telemetry-schema';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { BillingEventRecorder } from './billing-event.recorder';

const T0 = Date.UTC(2026, 10, 23, 12);

forEachSqlBackend(BillingEventRecorder.name, (db) => {
  beforeAll(async () => {
    await db().query("insert into tenants (id, name) values ('act', 'act') on conflict do nothing");
    await db().query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ('act-solo', 'act', 'engine', 'act-solo', 'x')`,
    );
    await db().query(
      `insert into assets (id, tenant_id, device_id, type) values ('act-solo', 'act', 'act-solo', 'engine')`,
    );
  });

  const sample = (
    deviceId: string,
    ts: number,
    state?: TelemetrySample['state'],
  ): TelemetrySample => ({ deviceId, ts, metrics: { t: 1 }, ...(state ? { state } : {}) });

  it('writes one state event per change and a heartbeat at most once a minute', async () => {
    const sut = new BillingEventRecorder(db());
    const id = 'act-solo';
    await sut.onDurable([
      sample(id, T0, 'RUN'),
      sample(id, T0 + 10_000, 'RUN'),
      sample(id, T0 + 61_000, 'RUN'),
      sample(id, T0 + 62_000, 'FAULT'),
    ]);
    const events = await db().query<{ kind: string; state: string; observed_at: Date }>(
      'select kind, state, observed_at from state_events where asset_id = $1 order by observed_at',
      [id],
    );
    expect(events.map((e) => [e.kind, e.state, new Date(e.observed_at).getTime() - T0])).toEqual([
      ['STATE', 'RUN', 0],
      ['HEARTBEAT', 'RUN', 61_000],
      ['STATE', 'FAULT', 62_000],
    ]);
  });
});
