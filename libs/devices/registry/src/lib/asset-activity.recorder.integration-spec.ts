import { forEachSqlBackend } from '@hourglass/testing-sql';
import { AssetActivityRecorder, type AssetSighting } from './asset-activity.recorder';

const T0 = Date.UTC(2026, 10, 23, 12);
const ASSETS = 2_500; // three lastSeen statements of at most 1,000 assets

forEachSqlBackend(AssetActivityRecorder.name, (db) => {
  const ids = Array.from({ length: ASSETS }, (_, i) => `act-${String(i).padStart(5, '0')}`);

  beforeAll(async () => {
    await db().query("insert into tenants (id, name) values ('act', 'act') on conflict do nothing");
    await db().query(
      `insert into devices (id, tenant_id, type, username, password_hash) select u, 'act', 'engine', u, 'x' from unnest($1::text[]) u`,
      [ids],
    );
    await db().query(
      `insert into assets (id, tenant_id, device_id, type) select u, 'act', u, 'engine' from unnest($1::text[]) u`,
      [ids],
    );
    await db().query(
      `insert into devices (id, tenant_id, type, username, password_hash) values ('act-solo', 'act', 'engine', 'act-solo', 'x')`,
    );
    await db().query(
      `insert into assets (id, tenant_id, device_id, type) values ('act-solo', 'act', 'act-solo', 'engine')`,
    );
  });

  const sample = (deviceId: string, ts: number, state?: string): AssetSighting => ({
    deviceId,
    ts,
    ...(state ? { state } : {}),
  });

  it('keeps the newest lastSeen and state of every asset, whatever order batches arrive in', async () => {
    let now = T0;
    const sut = new AssetActivityRecorder(db(), { seenFlushMs: 60_000, now: () => now });
    sut.onDurable(ids.map((id, i) => sample(id, T0 + 2_000 + i, 'RUN')));
    sut.onDurable(ids.map((id) => sample(id, T0 + 1_000, 'FAULT'))); // older: must not win
    now += 60_000;
    await sut.flushSeen();
    const rows = await db().query<{ id: string; last_seen: Date; state: string }>(
      `select id, last_seen, state from assets where tenant_id = 'act' and id <> 'act-solo' order by id`,
    );
    expect(rows).toHaveLength(ASSETS);
    rows.forEach((r, i) => {
      expect(new Date(r.last_seen).getTime()).toBe(T0 + 2_000 + i);
      expect(r.state).toBe('RUN');
    });
  });

  it('writes the lastSeen of a fleet that went quiet within seenFlushMs, without waiting for another batch', async () => {
    const sut = new AssetActivityRecorder(db(), { seenFlushMs: 200 });
    const ts = T0 + 3_600_000;
    sut.onDurable([sample(ids[0], ts - 1), sample(ids[0], ts)]); // the first write goes at once
    sut.onDurable([sample(ids[1], ts)]); // within seenFlushMs of it: left to the timer
    const deadline = Date.now() + 10_000;
    let row: { last_seen: Date } | undefined;
    while (Date.now() < deadline) {
      [row] = await db().query<{ last_seen: Date }>('select last_seen from assets where id = $1', [
        ids[1],
      ]);
      if (row && new Date(row.last_seen).getTime() === ts) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(new Date(row!.last_seen).getTime()).toBe(ts);
    await sut.flushSeen();
  });

  it('hands scoring the assets with new durable rows at once, writing lastSeen first only for assets it never wrote', async () => {
    let now = T0 + 7_200_000;
    const sut = new AssetActivityRecorder(db(), { seenFlushMs: 60_000, now: () => now });
    const lastSeen = async () =>
      (
        await db().query<{ last_seen: Date | null }>(
          "select last_seen from assets where id = 'act-solo'",
        )
      )[0].last_seen;
    await db().query("update assets set last_seen = null where id = 'act-solo'");
    await sut.flushSeen(); // nothing to write; the next write waits seenFlushMs
    sut.onDurable([sample('act-solo', now - 2), sample('act-solo', now - 1)]);
    // A first message: the registry must list the asset before scoring looks for it.
    expect(await sut.takeFresh()).toEqual(new Map([['act-solo', now - 1]]));
    expect(new Date((await lastSeen())!).getTime()).toBe(now - 1);
    expect(await sut.takeFresh()).toEqual(new Map()); // drained
    now += 1_000;
    sut.onDurable([sample('act-solo', now)]);
    // Known asset: handed over without waiting for the lastSeen write (left to seenFlushMs).
    expect(await sut.takeFresh()).toEqual(new Map([['act-solo', now]]));
    expect(new Date((await lastSeen())!).getTime()).toBe(now - 1_001);
    await sut.flushSeen();
  });
});
