import type { SqlDatabase } from '@hourglass/platform-sql';
import { PROVIDER_SCOPE, tenantScope } from '@hourglass/platform-tenancy';
import { waitFor } from '@hourglass/testing-services';
import { forEachSqlBackend } from '@hourglass/testing-sql';
import { TaskRepository, type NewTask } from './task.repository';

forEachSqlBackend(TaskRepository.name, (db: () => SqlDatabase) => {
  const sut = () => new TaskRepository(db());
  const task = (assetId: string): NewTask => ({
    tenantId: 'acme',
    assetId,
    component: 'hpc-module',
    priority: 'HIGH',
    predictedRul: 12.5,
    risk: 0.9,
    modelVersion: 'm@1',
    replaceBy: new Date('2026-12-01T00:00:00Z'),
  });

  beforeAll(async () => {
    await db().query(
      `insert into tenants (id, name) values ('acme', 'Acme') on conflict do nothing`,
    );
    for (const id of ['a-1', 'a-2', 'm-1', 'm-2']) {
      await db().query(
        `insert into devices (id, tenant_id, type, username, password_hash) values ($1, 'acme', 't', $1, 'x')`,
        [id],
      );
      await db().query(
        `insert into assets (id, tenant_id, device_id, type) values ($1, 'acme', $1, 't')`,
        [id],
      );
    }
  });

  it('keeps exactly one open task per asset and component, even when raised concurrently', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => sut().openIfNone(task('a-1'))),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await sut().list(PROVIDER_SCOPE, { assetId: 'a-1' })).toHaveLength(1);
  });

  it('raises many orders in one statement, leaving out those with an open order, each with its RAISED entry', async () => {
    await sut().openIfNone(task('m-1'));
    const raised = await sut().openManyIfNone([
      task('m-1'),
      { ...task('m-2'), partsNeeded: [{ partNumber: 'P-1', quantity: 2 }] },
      task('m-2'),
    ]);
    expect(raised).toEqual([
      expect.objectContaining({
        assetId: 'm-2',
        status: 'OPEN',
        predictedRul: 12.5,
        replaceBy: '2026-12-01T00:00:00.000Z',
        partsNeeded: [{ partNumber: 'P-1', quantity: 2 }],
      }),
    ]);
    expect(await sut().list(PROVIDER_SCOPE, { assetId: 'm-1' })).toHaveLength(1);
    const history = await db().query<{ kind: string }>(
      'select kind from task_history where task_id = $1',
      [raised[0].id],
    );
    expect(history.map((h) => h.kind)).toEqual(['RAISED']);
  });

  it('allows a new task once the open one is done', async () => {
    const [open] = await sut().list(PROVIDER_SCOPE, { assetId: 'a-1', status: 'OPEN' });
    const done = await sut().update(PROVIDER_SCOPE, open.id, {
      status: 'DONE',
      outcome: 'replaced, defect confirmed',
    });
    expect(done).toMatchObject({ status: 'DONE', outcome: 'replaced, defect confirmed' });
    expect(await sut().openIfNone(task('a-1'))).not.toBeNull();
  });

  it('closes the open tasks of an asset whose unit was replaced', async () => {
    await sut().openIfNone(task('a-2'));
    expect(await sut().closeOpenBefore('a-2', new Date(Date.now() + 60_000), 'UNIT_REPLACED')).toBe(
      1,
    );
    const [closed] = await sut().list(PROVIDER_SCOPE, { assetId: 'a-2' });
    expect(closed).toMatchObject({ status: 'DONE', outcome: 'UNIT_REPLACED' });
  });

  it('records a cost exactly, leaving it untouched by patches without one', async () => {
    const created = await sut().openIfNone({ ...task('a-2'), component: 'fan' });
    expect(created).toMatchObject({ cost: '0.00' });
    expect(
      await sut().update(PROVIDER_SCOPE, created!.id, { cost: '9999999999999999.99' }),
    ).toMatchObject({ cost: '9999999999999999.99' });
    expect(await sut().update(PROVIDER_SCOPE, created!.id, { status: 'DONE' })).toMatchObject({
      status: 'DONE',
      cost: '9999999999999999.99',
    });
    expect(
      await sut().update(tenantScope('someone-else'), created!.id, { cost: '1.00' }),
    ).toBeNull();
    expect((await sut().get(PROVIDER_SCOPE, created!.id))?.cost).toBe('9999999999999999.99');
  });

  it('stamps completedAt when a task becomes DONE and keeps it through later edits', async () => {
    const created = await sut().openIfNone({ ...task('a-1'), component: 'gearbox' });
    expect(created).toMatchObject({ status: 'OPEN', completedAt: null });
    expect(
      await sut().update(PROVIDER_SCOPE, created!.id, { status: 'IN_PROGRESS' }),
    ).toMatchObject({ completedAt: null });
    const done = await sut().update(PROVIDER_SCOPE, created!.id, {
      status: 'DONE',
      outcome: 'replaced',
    });
    expect(done?.completedAt).toEqual(expect.any(String));
    expect(done?.completedAt).toBe(done?.updatedAt);
    // Edits after completion move updatedAt, never completedAt (now() differs between statements).
    await waitFor(() => Date.now() > Date.parse(done!.updatedAt), {
      timeoutMs: 5_000,
      what: 'the clock to pass the completion',
    });
    const costed = await sut().update(PROVIDER_SCOPE, created!.id, { cost: '310.00' });
    expect(costed).toMatchObject({
      status: 'DONE',
      cost: '310.00',
      completedAt: done!.completedAt,
    });
    expect(Date.parse(costed!.updatedAt)).toBeGreaterThan(Date.parse(done!.completedAt!));
    const again = await sut().update(PROVIDER_SCOPE, created!.id, {
      status: 'DONE',
      outcome: 'replaced, worn',
    });
    expect(again).toMatchObject({ completedAt: done!.completedAt });
    expect((await sut().get(PROVIDER_SCOPE, created!.id))?.completedAt).toBe(done!.completedAt);
  });

  it('clears completedAt when a task leaves DONE and stamps it anew when it is done again', async () => {
    const created = await sut().openIfNone({ ...task('a-1'), component: 'seal' });
    const done = await sut().update(PROVIDER_SCOPE, created!.id, { status: 'DONE' });
    expect(done?.completedAt).toEqual(expect.any(String));
    expect(
      await sut().update(PROVIDER_SCOPE, created!.id, { status: 'IN_PROGRESS' }),
    ).toMatchObject({ completedAt: null });
    await waitFor(() => Date.now() > Date.parse(done!.completedAt!), {
      timeoutMs: 5_000,
      what: 'the clock to pass the completion',
    });
    const redone = await sut().update(PROVIDER_SCOPE, created!.id, { status: 'DONE' });
    expect(Date.parse(redone!.completedAt!)).toBeGreaterThan(Date.parse(done!.completedAt!));
    expect(await sut().update(PROVIDER_SCOPE, created!.id, { status: 'CANCELLED' })).toMatchObject({
      completedAt: null,
    });
  });

  it('stamps completedAt on the tasks closeOpenBefore closes', async () => {
    const created = await sut().openIfNone({ ...task('a-2'), component: 'valve' });
    expect(created?.completedAt).toBeNull();
    expect(await sut().closeOpenBefore('a-2', new Date(Date.now() + 60_000), 'UNIT_REPLACED')).toBe(
      1,
    );
    const closed = await sut().get(PROVIDER_SCOPE, created!.id);
    expect(closed).toMatchObject({ status: 'DONE', outcome: 'UNIT_REPLACED' });
    expect(closed?.completedAt).toBe(closed?.updatedAt);
  });

  it('shows a tenant only its own tasks', async () => {
    expect(await sut().list(tenantScope('someone-else'))).toEqual([]);
    expect((await sut().list(tenantScope('acme'))).length).toBeGreaterThan(0);
    const [any] = await sut().list(PROVIDER_SCOPE);
    expect(
      await sut().update(tenantScope('someone-else'), any.id, { status: 'CANCELLED' }),
    ).toBeNull();
  });
});
